import { describe, expect, it } from 'vitest';
import { container } from '../../testing/fake-api.js';
import { findContainer } from './find-container.js';

describe('findContainer', () => {
  const web = container('a1b2c3d4e5f6', { name: 'web-1' });
  const db = container('ffff0000aaaa', { name: 'db' });
  const named = container('abc999', { name: 'a1b2' });
  const map = new Map([web, db, named].map((c) => [c.id, c]));

  it('finds by full id, by name, or by an id prefix of 4+ characters', () => {
    expect(findContainer(map, 'a1b2c3d4e5f6')).toBe(web);
    expect(findContainer(map, 'web-1')).toBe(web);
    expect(findContainer(map, 'ffff')).toBe(db);
    expect(findContainer(map, 'a1b2c')).toBe(web);
  });

  it('lets a name win over an id prefix, whatever the map order', () => {
    expect(findContainer(map, 'a1b2')).toBe(named);
  });

  it('does not match a too-short prefix or an unknown reference', () => {
    expect(findContainer(map, 'fff')).toBeUndefined();
    expect(findContainer(map, 'nope')).toBeUndefined();
  });
});
