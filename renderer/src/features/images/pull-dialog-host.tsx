/** Placeholder until pull lands: mounted once in the app; renders the pull dialog when open. */
export function PullDialogHost() {
  return null;
}
