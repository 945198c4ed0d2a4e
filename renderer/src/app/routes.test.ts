import { describe, expect, it } from 'vitest';
import { hrefFor, labelOf, parseHash, routes } from './routes.js';

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
});
