import { describe, expect, it } from 'vitest';
import { currentHash, hashQueryParam, hrefFor, labelOf, parseHash, parseHashParams, routes } from './routes.js';

describe('routes', () => {
  it('parses page hashes', () => {
    expect(parseHash('#/engine')).toBe('engine');
    expect(parseHash('#/images')).toBe('images');
    expect(parseHash('#/containers/abc')).toBe('containers');
    expect(parseHash('#/Networks?x=1')).toBe('networks');
  });
  it('falls back to Containers', () => {
    expect(parseHash('')).toBe('containers');
    expect(parseHash('#/')).toBe('containers');
    expect(parseHash('#/nope')).toBe('containers');
  });
  it('round-trips every route', () => {
    for (const r of routes) expect(parseHash(hrefFor(r.id))).toBe(r.id);
    expect(labelOf('volumes')).toBe('Volumes');
  });
  it('reads one query value after the path, decoded', () => {
    expect(hashQueryParam('#/images/sha256%3Aabc/inspect?tag=web%3A1', 'tag')).toBe('web:1');
    expect(hashQueryParam('#/images/x/inspect?view=map&tag=reg%3A5000%2Fa%2Fb%3A2', 'tag')).toBe('reg:5000/a/b:2');
    expect(hashQueryParam('#/images/x/inspect', 'tag')).toBeUndefined();
    expect(hashQueryParam('#/images/x/inspect?tag=', 'tag')).toBeUndefined();
    expect(hashQueryParam('#/images/x/inspect?other=1', 'tag')).toBeUndefined();
    // The query is not part of the path.
    expect(parseHashParams('#/images/sha256%3Aabc/inspect?tag=web%3A1')).toEqual(['sha256:abc', 'inspect']);
  });
  it('Recently removed is a page of its own, and its old address under Containers still lands on it', () => {
    expect(routes.map((r) => r.id)).toContain('recently-removed');
    expect(labelOf('recently-removed')).toBe('Recently removed');
    expect(parseHash('#/recently-removed')).toBe('recently-removed');
    expect(parseHash('#/containers/recently-removed')).toBe('recently-removed');
    expect(parseHashParams('#/containers/recently-removed')).toEqual([]);
    expect(currentHash('#/containers/recently-removed?show=volumes')).toBe('#/recently-removed?show=volumes');
    expect(hashQueryParam(currentHash('#/containers/recently-removed?show=volumes'), 'show')).toBe('volumes');
    // A container's own pages are not moved: only the exact old path is.
    expect(currentHash('#/containers/recently-removed-web')).toBe('#/containers/recently-removed-web');
    expect(parseHash('#/containers/abc/logs')).toBe('containers');
  });
});
