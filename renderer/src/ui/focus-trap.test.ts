import { describe, expect, it } from 'vitest';
import { nextStop, tabOrder } from './focus-trap.js';

describe('tabOrder', () => {
  it('keeps document order for tabIndex 0 and skips negative ones', () => {
    expect(tabOrder([{ tabIndex: 0 }, { tabIndex: -1 }, { tabIndex: 0 }, { tabIndex: 0 }])).toEqual([0, 2, 3]);
  });

  it('puts positive tabIndex first, ascending, ties in document order', () => {
    expect(tabOrder([{ tabIndex: 0 }, { tabIndex: 2 }, { tabIndex: 1 }, { tabIndex: 2 }, { tabIndex: 0 }])).toEqual([2, 1, 3, 0, 4]);
  });

  it('makes a radio group one stop: the checked button, else the first', () => {
    const radio = (group: string, checked = false) => ({ tabIndex: 0, radio: { group, checked } });
    expect(tabOrder([{ tabIndex: 0 }, radio('mode'), radio('mode', true), radio('mode'), { tabIndex: 0 }])).toEqual([0, 2, 4]);
    expect(tabOrder([radio('a'), radio('a'), radio('b'), radio('b', true)])).toEqual([0, 3]);
  });

  it('is empty when nothing can take focus', () => {
    expect(tabOrder([])).toEqual([]);
    expect(tabOrder([{ tabIndex: -1 }])).toEqual([]);
  });
});

describe('nextStop', () => {
  it('moves forward and wraps from the last stop to the first', () => {
    expect(nextStop(3, 0, false)).toBe(1);
    expect(nextStop(3, 2, false)).toBe(0);
  });

  it('moves backward and wraps from the first stop to the last', () => {
    expect(nextStop(3, 1, true)).toBe(0);
    expect(nextStop(3, 0, true)).toBe(2);
  });

  it('enters at the first (Tab) or last (Shift+Tab) stop when focus is on none of them', () => {
    expect(nextStop(3, -1, false)).toBe(0);
    expect(nextStop(3, -1, true)).toBe(2);
  });

  it('stays put with one stop and gives -1 with none', () => {
    expect(nextStop(1, 0, false)).toBe(0);
    expect(nextStop(1, 0, true)).toBe(0);
    expect(nextStop(0, -1, false)).toBe(-1);
  });
});
