import { describe, expect, it } from 'vitest';
import { container } from '../../testing/fake-api.js';
import { findContainer } from './find-container.js';

describe('findContainer', () => {
  const a = container('a1b2c3d4e5f6', { name: 'web-1' });
  const b = container('ffff0000aaaa', { name: 'db' });
  const map = new Map([a, b].map((c) => [c.id, c]));

  it('finds by full id, id prefix of 4+ characters, or name', () => {
    expect(findContainer(map, 'a1b2c3d4e5f6')).toBe(a);
    expect(findContainer(map, 'ffff')).toBe(b);
    expect(findContainer(map, 'web-1')).toBe(a);
  });

  it('does not match a too-short prefix or an unknown reference', () => {
    expect(findContainer(map, 'fff')).toBeUndefined();
    expect(findContainer(map, 'nope')).toBeUndefined();
  });
});
