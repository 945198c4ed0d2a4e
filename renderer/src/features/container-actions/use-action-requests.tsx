import { useCallback, useState, type ReactNode } from 'react';
import { useRuntime } from '../../app/runtime-context.js';
import { nothingToDoText, type ContainerActionKind } from './action-defs.js';
import { KillDialog } from './kill-dialog.js';
import { RemoveDialog } from './remove-dialog.js';
import type { NoticeScope } from './action-store.js';
import { planAction, runContainerActions, type ActionOptions, type ActionOutcome, type ActionTarget } from './run-actions.js';

export interface ActionRequests {
  /**
   * Runs the action on the targets it applies to (a target's state, where given, leaves out e.g. a
   * stopped container from Pause, and the result says so), asking first for remove (confirm) and kill (signal).
   */
  request(kind: ContainerActionKind, targets: readonly ActionTarget[], options?: ActionOptions): void;
  /** The open dialog, if any: render it. */
  dialog: ReactNode;
}

/**
 * What the row buttons, the bulk toolbar, the keyboard shortcuts and the details header share: run
 * an action through the contract (progress and result go to the store), with the confirm and signal
 * dialogs in between where needed. `onDone` hears every finished run (e.g. leave a removed container's page).
 */
export function useActionRequests(scope: NoticeScope, onDone?: (kind: ContainerActionKind, outcomes: ActionOutcome[]) => void): ActionRequests {
  const { api, store } = useRuntime();
  const [open, setOpen] = useState<{ kind: 'remove' | 'kill'; targets: readonly ActionTarget[]; skipped: readonly string[] }>();

  const run = useCallback(
    (kind: ContainerActionKind, targets: readonly ActionTarget[], options: ActionOptions | undefined, skipped: readonly string[]) => {
      void runContainerActions(api.containers, store, kind, targets, options, scope, skipped).then((outcomes) => onDone?.(kind, outcomes));
    },
    [api, store, scope, onDone],
  );

  const request = useCallback(
    (kind: ContainerActionKind, targets: readonly ActionTarget[], options?: ActionOptions) => {
      if (!targets.length) return;
      const { apply, skipped } = planAction(kind, targets);
      if (!apply.length) {
        store.getState().pushNotice({ tone: 'info', title: nothingToDoText(kind, skipped), failures: [], scope });
        return;
      }
      const reasons = skipped.map((s) => s.reason);
      if (kind === 'remove' || kind === 'kill') setOpen({ kind, targets: apply, skipped: reasons });
      else run(kind, apply, options, reasons);
    },
    [run, store, scope],
  );

  const close = () => setOpen(undefined);
  const confirm = (options: ActionOptions) => {
    if (!open) return;
    close();
    run(open.kind, open.targets, options, open.skipped);
  };

  const dialog = !open ? null : open.kind === 'remove' ? (
    <RemoveDialog targets={open.targets} onCancel={close} onConfirm={confirm} />
  ) : (
    <KillDialog targets={open.targets} onCancel={close} onConfirm={confirm} />
  );
  return { request, dialog };
}
