import { useAppStore } from '../../app/runtime-context.js';
import { RunDialog } from './run-dialog.js';

/** Mounted once in the app; renders the run dialog while the store says it is open. */
export function RunDialogHost() {
  const prefill = useAppStore((s) => s.runDialog);
  const close = useAppStore((s) => s.closeRunDialog);
  if (!prefill) return null;
  // A new key per opening: a fresh draft from its prefill.
  return <RunDialog key={JSON.stringify(prefill)} prefill={prefill} onClose={close} />;
}
