/** Placeholder until the run dialog lands: mounted once in the app; renders the dialog when open. */
export function RunDialogHost() {
  return null;
}
