import type { Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';
import type { FileEntry } from '../../contract/models/container-files.js';
import { kindOfTypeChar, modeString, typeCharOfTar } from './file-mode.js';

export interface TarListingLimits {
  /** Stop after this many direct entries. */
  maxEntries: number;
  /** Stop after this many tar headers in all (nested ones included). */
  maxHeaders: number;
  /** Stop after this many bytes of tar read. */
  maxBytes: number;
}

export const DEFAULT_LISTING_LIMITS: TarListingLimits = { maxEntries: 5000, maxHeaders: 100_000, maxBytes: 256 * 1024 * 1024 };

export interface TarListing {
  entries: FileEntry[];
  truncated: boolean;
}

/**
 * The direct children of the directory a tar archive holds, read from the headers only (bodies are
 * skipped). The engine's archive of `/www` names entries `www/…`; of `/`, `/…`. The first path segment
 * is the directory itself unless `root`. Stops early (and destroys `source`) when a limit is reached.
 */
export function listTarDirectory(source: Readable, root: boolean, limits: TarListingLimits = DEFAULT_LISTING_LIMITS): Promise<TarListing> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, FileEntry>();
    const ex = extract();
    let headers = 0;
    let bytes = 0;
    let settled = false;

    const finish = (truncated: boolean, err?: unknown) => {
      if (settled) return;
      settled = true;
      source.off('data', onData);
      source.unpipe(ex);
      source.destroy();
      ex.destroy();
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve({ entries: [...entries.values()], truncated });
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limits.maxBytes) finish(true);
    };

    ex.on('entry', (header, body, next) => {
      body.on('end', () => next());
      body.resume();
      if (settled) return;
      headers++;
      const name = directChildName(header.name, root);
      if (name !== undefined) {
        entries.set(name, entryOf(name, header));
        if (entries.size >= limits.maxEntries) return finish(true);
      }
      if (headers >= limits.maxHeaders) finish(true);
    });
    ex.on('finish', () => finish(false));
    ex.on('error', (err: unknown) => finish(false, err));
    source.on('error', (err) => finish(false, err));
    source.on('data', onData);
    source.pipe(ex);
  });
}

/** The child's name when `tarName` is a direct child of the archived directory, else undefined. */
export function directChildName(tarName: string, root: boolean): string | undefined {
  let rel = tarName.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
  if (!root) {
    const slash = rel.indexOf('/');
    if (slash < 0) return undefined; // the directory itself
    rel = rel.slice(slash + 1);
  }
  if (!rel || rel === '.' || rel.includes('/')) return undefined;
  return rel;
}

export function entryOf(name: string, header: Pick<Header, 'type' | 'size' | 'mode' | 'mtime' | 'linkname'>): FileEntry {
  const type = typeCharOfTar(header.type);
  const kind = kindOfTypeChar(type);
  const entry: FileEntry = {
    name,
    kind,
    size: kind === 'file' ? (header.size ?? 0) : 0,
    mode: modeString(type, header.mode ?? 0),
    mtime: header.mtime ? header.mtime.getTime() : 0,
  };
  if (kind === 'symlink' && header.linkname) entry.linkTarget = header.linkname;
  return entry;
}

/** Directories first, then by name (as `ls` would, code-point order). */
export function sortEntries(entries: FileEntry[]): FileEntry[] {
  const rank = (e: FileEntry) => (e.kind === 'dir' ? 0 : 1);
  return entries.sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
