import { useAppStore } from '../../app/runtime-context.js';
import { BuildDialog } from './build-dialog.js';
import './image-build.css';

/** Mounted once in the app; renders the build dialog when open. */
export function BuildDialogHost() {
  const open = useAppStore((s) => s.buildDialogOpen);
  const context = useAppStore((s) => s.buildDialogContext);
  const close = useAppStore((s) => s.closeBuildDialog);
  const remember = useAppStore((s) => s.rememberBuildContext);
  if (!open) return null;
  return (
    <BuildDialog
      initialContext={context}
      onClose={(ctx) => {
        remember(ctx);
        close();
      }}
    />
  );
}
