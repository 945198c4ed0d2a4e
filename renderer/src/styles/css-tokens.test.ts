/* eslint-disable no-restricted-imports -- a unit test that reads the stylesheets as files, in node; Vitest
   hands CSS imports (even ?raw) to its CSS stub, which returns them empty. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
/* eslint-enable no-restricted-imports */
import { describe, expect, it } from 'vitest';

// Every var(--token) a stylesheet reads must be defined somewhere: an undefined token falls back silently,
// and a fallback written for one theme (the network map's `var(--surface-raised, #f6f7f9)`) paints a light
// box under light text in the other.
const src = fileURLToPath(new URL('..', import.meta.url));

function read(dir: string, ext: RegExp): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return read(path, ext);
    return ext.test(e.name) && !e.name.includes('.test.') ? [{ path: path.slice(src.length), text: readFileSync(path, 'utf8') }] : [];
  });
}

const all = (files: { path: string; text: string }[], re: RegExp) => files.flatMap((f) => [...f.text.matchAll(re)].map((m) => ({ path: f.path, token: m[1]! })));

describe('CSS custom properties', () => {
  it('every token a stylesheet reads is defined in a stylesheet or set inline by a component', () => {
    const css = read(src, /\.css$/);
    expect(css.length).toBeGreaterThan(20);
    const defined = new Set([
      ...all(css, /(--[\w-]+)\s*:/g).map((d) => d.token),
      // Set per element from a component's style prop, e.g. { ['--hue']: sourceHue(i) }.
      ...all(read(src, /\.tsx?$/), /['"](--[\w-]+)['"]/g).map((d) => d.token),
    ]);
    expect(all(css, /var\(\s*(--[\w-]+)/g).filter((r) => !defined.has(r.token)).map((r) => `${r.path}: ${r.token}`)).toEqual([]);
  });
});
