import { useCallback, type KeyboardEvent } from 'react';
import type { ContainerSummary } from '../../../../contract/index.js';
import { useRuntime } from '../../app/runtime-context.js';
import type { ContainerActionKind } from '../container-actions/action-defs.js';
import type { ActionOptions, ActionTarget } from '../container-actions/run-actions.js';
import type { ContainerRow } from './selectors.js';
import { moveIndex, shortcutFor } from './shortcuts.js';

const typing = (el: EventTarget) => el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.isContentEditable);

/**
 * The list's keyboard handling: moves the focused row, selects, opens details, and runs the action
 * shortcuts on the selection (or on the focused row when nothing is selected). Reads the store
 * at key time, so rows never subscribe to it.
 */
export function useListCommands(rows: readonly ContainerRow[], visibleIds: readonly string[], request: (kind: ContainerActionKind, targets: ActionTarget[], o?: ActionOptions) => void) {
  const { store } = useRuntime();

  const targets = useCallback((): ContainerSummary[] => {
    const s = store.getState();
    const shown = visibleIds.filter((id) => s.selectedIds.has(id));
    const ids = shown.length ? shown : s.focusedId && visibleIds.includes(s.focusedId) ? [s.focusedId] : [];
    return ids.map((id) => s.containers.get(id)).filter((c): c is ContainerSummary => !!c);
  }, [store, visibleIds]);

  return useCallback(
    (e: KeyboardEvent<HTMLDivElement>, scrollTo: (index: number) => void) => {
      if (typing(e.target)) return;
      const cmd = shortcutFor(e);
      if (!cmd) return;
      const onButton = e.target instanceof HTMLElement && (e.target.tagName === 'BUTTON' || e.target.tagName === 'A');
      if (onButton && (cmd.type === 'open' || cmd.type === 'toggle-selection')) return;
      const s = store.getState();
      switch (cmd.type) {
        case 'move': {
          const current = s.focusedId ? rows.findIndex((r) => r.kind === 'container' && r.container.id === s.focusedId) : -1;
          // Skip group rows: move within the container rows, then find that row's index.
          const containerIdx = current < 0 ? -1 : visibleIds.indexOf(s.focusedId!);
          const nextIdx = moveIndex(containerIdx, cmd.by, visibleIds.length);
          const id = visibleIds[nextIdx];
          if (!id) return;
          s.setFocusedContainer(id);
          scrollTo(rows.findIndex((r) => r.kind === 'container' && r.container.id === id));
          break;
        }
        case 'select-all':
          s.setSelection(visibleIds);
          break;
        case 'clear-selection':
          if (!s.selectedIds.size) return;
          s.setSelection([]);
          break;
        case 'toggle-selection':
          if (!s.focusedId) return;
          s.toggleSelected(s.focusedId);
          break;
        case 'open':
          if (!s.focusedId) return;
          window.location.hash = `#/containers/${encodeURIComponent(s.focusedId)}`;
          break;
        case 'action': {
          const list = targets();
          if (!list.length) return;
          let kind: ContainerActionKind;
          if (cmd.kind === 'pause-toggle') kind = list.every((c) => c.state === 'paused') ? 'unpause' : 'pause';
          else kind = cmd.kind;
          request(
            kind,
            list.map((c) => ({ id: c.id, name: c.name, state: c.state })),
          );
          break;
        }
      }
      e.preventDefault();
      e.stopPropagation();
    },
    [store, rows, visibleIds, request, targets],
  );
}
