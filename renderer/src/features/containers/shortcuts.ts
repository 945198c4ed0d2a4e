import type { ContainerActionKind } from '../container-actions/action-defs.js';

export type ShortcutCommand =
  | { type: 'action'; kind: ContainerActionKind | 'pause-toggle' }
  | { type: 'select-all' }
  | { type: 'clear-selection' }
  | { type: 'toggle-selection' }
  | { type: 'open' }
  | { type: 'move'; by: number | 'first' | 'last' };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The list's keyboard shortcuts, as shown in the help popover. */
export const shortcutHelp: readonly { keys: string; what: string }[] = [
  { keys: '↑ / ↓', what: 'Move between containers' },
  { keys: 'Space', what: 'Select or unselect the focused container' },
  { keys: 'Ctrl/⌘ + A', what: 'Select all shown containers' },
  { keys: 'Esc', what: 'Clear the selection' },
  { keys: 'Enter', what: 'Open the focused container’s details' },
  { keys: 's', what: 'Start' },
  { keys: 'x', what: 'Stop' },
  { keys: 'r', what: 'Restart' },
  { keys: 'p', what: 'Pause (or unpause when paused)' },
  { keys: 'k', what: 'Kill (asks for the signal)' },
  { keys: 'Delete', what: 'Remove (asks first)' },
  { keys: '?', what: 'Show or hide these shortcuts' },
  { keys: 'Ctrl/⌘ + K', what: 'Go to or run anything by name' },
];

/** Where a typed "?" is text, not the shortcut: a field, an editable element, or inside an open dialog. */
export function typesText(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return !!target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .xterm, [data-modal]');
}

/** "?" (Shift+/ on most layouts, the key value itself): show or hide the list's shortcuts. */
export function isHelpKey(e: KeyLike): boolean {
  return e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey;
}

/** Maps a key press in the table to a command; undefined for keys the list does not handle. */
export function shortcutFor(e: KeyLike): ShortcutCommand | undefined {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && e.key.toLowerCase() === 'a') return { type: 'select-all' };
  if (mod || e.altKey) return undefined;
  switch (e.key) {
    case 'ArrowDown':
      return { type: 'move', by: 1 };
    case 'ArrowUp':
      return { type: 'move', by: -1 };
    case 'Home':
      return { type: 'move', by: 'first' };
    case 'End':
      return { type: 'move', by: 'last' };
    case 'PageDown':
      return { type: 'move', by: 10 };
    case 'PageUp':
      return { type: 'move', by: -10 };
    case ' ':
      return { type: 'toggle-selection' };
    case 'Escape':
      return { type: 'clear-selection' };
    case 'Enter':
      return { type: 'open' };
    case 'Delete':
    case 'Backspace':
      return { type: 'action', kind: 'remove' };
  }
  if (e.shiftKey) return undefined;
  switch (e.key) {
    case 's':
      return { type: 'action', kind: 'start' };
    case 'x':
      return { type: 'action', kind: 'stop' };
    case 'r':
      return { type: 'action', kind: 'restart' };
    case 'p':
      return { type: 'action', kind: 'pause-toggle' };
    case 'k':
      return { type: 'action', kind: 'kill' };
  }
  return undefined;
}

/** The next focused index for a move, clamped to the list. */
export function moveIndex(current: number, by: number | 'first' | 'last', length: number): number {
  if (length === 0) return -1;
  if (by === 'first') return 0;
  if (by === 'last') return length - 1;
  if (current < 0) return by > 0 ? 0 : length - 1;
  return Math.max(0, Math.min(length - 1, current + by));
}

/**
 * Where focus goes when the focused row is gone (removed): the row that took its place, else the
 * nearest one above. `isTarget(i)` tells the rows that can hold focus (container rows, not groups).
 */
export function successorIndex(lastIndex: number, length: number, isTarget: (i: number) => boolean): number {
  for (let i = Math.min(lastIndex, length - 1); i < length; i++) if (i >= 0 && isTarget(i)) return i;
  for (let i = Math.min(lastIndex, length) - 1; i >= 0; i--) if (isTarget(i)) return i;
  return -1;
}
