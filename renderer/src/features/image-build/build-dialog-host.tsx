/** Placeholder until image builds land: mounted once in the app; renders the build dialog when open. */
export function BuildDialogHost() {
  return null;
}
