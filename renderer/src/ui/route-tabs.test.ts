import { describe, expect, it } from 'vitest';
import { tabKeyTarget } from './route-tabs.js';

describe('tabKeyTarget: the keys of the ARIA tabs pattern', () => {
  it('arrows move one tab and wrap; Home and End go to the ends; other keys do nothing', () => {
    expect(tabKeyTarget('ArrowRight', 0, 3)).toBe(1);
    expect(tabKeyTarget('ArrowRight', 2, 3)).toBe(0);
    expect(tabKeyTarget('ArrowLeft', 0, 3)).toBe(2);
    expect(tabKeyTarget('ArrowLeft', 2, 3)).toBe(1);
    expect(tabKeyTarget('Home', 2, 3)).toBe(0);
    expect(tabKeyTarget('End', 0, 3)).toBe(2);
    expect(tabKeyTarget('ArrowDown', 0, 3)).toBe(-1);
    expect(tabKeyTarget('Enter', 0, 3)).toBe(-1);
  });
});
