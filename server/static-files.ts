import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { mimeTypeOf } from './mime-types.js';

/**
 * Resolves URL paths to files of the built UI (dist/renderer). Never leaves the root: the path is
 * decoded once, NUL bytes and backslashes are refused, `..` is normalised away, and the real path
 * (symlinks followed) must still be inside the root. Paths without an extension that match no file
 * fall back to index.html, so client-side routes survive a reload.
 */
export interface StaticFile {
  path: string;
  size: number;
  contentType: string;
  /** Hashed build assets can be cached forever; index.html must be revalidated. */
  immutable: boolean;
}

export type StaticLookup = { kind: 'file'; file: StaticFile } | { kind: 'not-found' } | { kind: 'bad-path' } | { kind: 'no-ui' };

export interface StaticFiles {
  readonly root: string;
  lookup(urlPath: string): Promise<StaticLookup>;
}

async function fileAt(root: string, candidate: string): Promise<StaticFile | undefined> {
  try {
    const real = await realpath(candidate);
    const rel = relative(root, real);
    if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
    const st = await stat(real);
    if (!st.isFile()) return undefined;
    return { path: real, size: st.size, contentType: mimeTypeOf(real), immutable: rel.startsWith(`assets${sep}`) };
  } catch {
    return undefined;
  }
}

export async function createStaticFiles(rootDir: string): Promise<StaticFiles> {
  let root = resolve(rootDir);
  try {
    root = await realpath(root);
  } catch {
    // Not built yet: lookups report 'no-ui' until it is.
  }
  return {
    root,
    async lookup(urlPath) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(urlPath);
      } catch {
        return { kind: 'bad-path' };
      }
      if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad-path' };
      const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
      if (segments.includes('..')) return { kind: 'bad-path' };
      const index = await fileAt(root, join(root, 'index.html'));
      if (!index) return { kind: 'no-ui' };
      if (segments.length === 0) return { kind: 'file', file: index };
      const file = await fileAt(root, join(root, ...segments));
      if (file) return { kind: 'file', file };
      // A client-side route (no extension) gets the app; a missing asset is a real 404.
      return extname(segments[segments.length - 1] ?? '') === '' ? { kind: 'file', file: index } : { kind: 'not-found' };
    },
  };
}
