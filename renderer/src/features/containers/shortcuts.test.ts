import { describe, expect, it } from 'vitest';
import { isHelpKey, moveIndex, shortcutFor, shortcutHelp, successorIndex, type KeyLike } from './shortcuts.js';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) =>
  shortcutFor({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('shortcutFor', () => {
  it('maps letters to actions', () => {
    expect(key('s')).toEqual({ type: 'action', kind: 'start' });
    expect(key('x')).toEqual({ type: 'action', kind: 'stop' });
    expect(key('r')).toEqual({ type: 'action', kind: 'restart' });
    expect(key('p')).toEqual({ type: 'action', kind: 'pause-toggle' });
    expect(key('k')).toEqual({ type: 'action', kind: 'kill' });
    expect(key('Delete')).toEqual({ type: 'action', kind: 'remove' });
  });
  it('selects all with Ctrl or Cmd + A, and leaves other modified keys alone', () => {
    expect(key('a', { ctrlKey: true })).toEqual({ type: 'select-all' });
    expect(key('A', { metaKey: true })).toEqual({ type: 'select-all' });
    expect(key('r', { ctrlKey: true })).toBeUndefined();
    expect(key('S', { shiftKey: true })).toBeUndefined();
    expect(key('q')).toBeUndefined();
  });
  it('moves, opens, toggles and clears', () => {
    expect(key('ArrowDown')).toEqual({ type: 'move', by: 1 });
    expect(key('Enter')).toEqual({ type: 'open' });
    expect(key(' ')).toEqual({ type: 'toggle-selection' });
    expect(key('Escape')).toEqual({ type: 'clear-selection' });
  });
});

describe('moveIndex', () => {
  it('clamps and starts from the ends when nothing is focused', () => {
    expect(moveIndex(-1, 1, 5)).toBe(0);
    expect(moveIndex(-1, -1, 5)).toBe(4);
    expect(moveIndex(4, 1, 5)).toBe(4);
    expect(moveIndex(2, -10, 5)).toBe(0);
    expect(moveIndex(2, 'last', 5)).toBe(4);
    expect(moveIndex(0, 1, 0)).toBe(-1);
  });
});

describe('focus after the focused row is removed', () => {
  const rowsOf = (kinds: string) => (i: number) => kinds[i] === 'c';
  it('goes to the row that took its place, else the nearest above, skipping group rows', () => {
    expect(successorIndex(1, 3, rowsOf('ccc'))).toBe(1);
    expect(successorIndex(1, 3, rowsOf('cgc'))).toBe(2);
    expect(successorIndex(3, 3, rowsOf('ccc'))).toBe(2);
    expect(successorIndex(2, 2, rowsOf('cg'))).toBe(0);
    expect(successorIndex(0, 0, rowsOf(''))).toBe(-1);
    expect(successorIndex(1, 2, rowsOf('gg'))).toBe(-1);
  });
});

describe('the help key', () => {
  const press = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: k === '?', ...mods });
  it('is "?" without Ctrl, ⌘ or Alt, and the list has no other use for it', () => {
    expect(isHelpKey(press('?'))).toBe(true);
    expect(isHelpKey(press('?', { ctrlKey: true }))).toBe(false);
    expect(isHelpKey(press('/'))).toBe(false);
    expect(shortcutFor(press('?'))).toBeUndefined();
    expect(shortcutHelp.map((s) => s.keys)).toContain('?');
  });
});
