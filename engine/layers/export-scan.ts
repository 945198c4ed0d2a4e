import { once } from 'node:events';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { feed } from '../streams/feed.js';

/** One entry of a layer tar: its header only (bodies are never kept). */
export interface RawEntry {
  /** Normalised absolute path, e.g. "/etc/passwd" (for whiteouts: the path they delete). */
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  size: number;
  linkTarget?: string;
  /** "file": `.wh.<name>` deletes `path`; "opaque": `.wh..wh..opq` hides everything lower layers had under `path`. */
  whiteout?: 'file' | 'opaque';
}

export interface RawLayer {
  entries: RawEntry[];
  /** Why the blob could not be read as a layer tar, if it could not. */
  error?: string;
}

/** What an image export (GET /images/{name}/get) holds, read in one pass. */
export interface ExportScan {
  /** manifest.json's first image: its config path and layer paths, bottom first. */
  manifest?: { config: string; layers: string[] };
  /** Small JSON files (configs, manifests, index), by path. */
  json: Map<string, unknown>;
  /** Layer tars by path (legacy "<id>/layer.tar" or OCI "blobs/sha256/<hex>"). */
  layers: Map<string, RawLayer>;
  /** Symlinks in the export (e.g. "<id>/layer.tar" → "../blobs/sha256/<hex>"), resolved to export paths. */
  links: Map<string, string>;
  /** True when the scan stopped at maxEntries. */
  truncated: boolean;
}

export interface ScanOptions {
  /** Most entries kept over all layers (default 2,000,000); beyond, the scan stops with truncated. */
  maxEntries?: number;
  /** Largest JSON file kept (default 4 MiB). */
  maxJson?: number;
}

/**
 * Read an image export as a stream: the outer tar's entries are visited once; each layer tar is
 * parsed for its headers while it streams by (gzip-compressed blobs are decompressed on the fly),
 * bodies are skipped, and nothing but headers and small JSON files is kept. Handles the legacy
 * layout (manifest.json, <id>/layer.tar) and the OCI layout (index.json, blobs/sha256/…) that newer
 * engines export, where manifest.json points into blobs/.
 */
export async function scanExport(source: AsyncIterable<Uint8Array> | NodeJS.ReadableStream, options: ScanOptions = {}): Promise<ExportScan> {
  const maxEntries = options.maxEntries ?? 2_000_000;
  const maxJson = options.maxJson ?? 4 * 1024 * 1024;
  const scan: ExportScan = { json: new Map(), layers: new Map(), links: new Map(), truncated: false };
  let total = 0;
  const outer = extract();
  const input = Readable.from(source as AsyncIterable<Uint8Array>, { objectMode: false });
  feed(input, outer);
  try {
    for await (const entry of outer) {
      const name = normalizeExportPath(entry.header.name);
      if (entry.header.type === 'symlink' && entry.header.linkname) {
        scan.links.set(name, joinExportPath(name, entry.header.linkname));
        entry.resume();
        continue;
      }
      if (entry.header.type !== 'file' || scan.truncated) {
        entry.resume();
        continue;
      }
      const size = entry.header.size ?? 0;
      const isLayerName = name.endsWith('/layer.tar') || name.startsWith('blobs/');
      const isJsonName = name.endsWith('.json') || name.startsWith('blobs/');
      const body = Readable.from(entry, { objectMode: false });
      const first = await peek(body);
      if (first && (first[0] === 0x7b || first[0] === 0x5b) && isJsonName && size <= maxJson) {
        const text = await collect(body);
        try {
          scan.json.set(name, JSON.parse(text) as unknown);
        } catch {
          // Not JSON after all: ignore.
        }
        continue;
      }
      if (first && isLayerName) {
        const layer: RawLayer = { entries: [] };
        scan.layers.set(name, layer);
        const gz = first[0] === 0x1f && first[1] === 0x8b;
        try {
          await scanLayer(gz ? body.pipe(createGunzip()) : body, layer, () => {
            total++;
            return total <= maxEntries;
          });
        } catch (err) {
          layer.error = err instanceof Error ? err.message : String(err);
        }
        if (total > maxEntries) scan.truncated = true;
      }
      await drain(body);
    }
  } finally {
    input.destroy();
  }
  const manifest = scan.json.get('manifest.json');
  if (Array.isArray(manifest) && manifest[0] && typeof manifest[0] === 'object') {
    const m = manifest[0] as { Config?: unknown; Layers?: unknown };
    if (typeof m.Config === 'string' && Array.isArray(m.Layers)) {
      scan.manifest = { config: normalizeExportPath(m.Config), layers: m.Layers.filter((l): l is string => typeof l === 'string').map(normalizeExportPath) };
    }
  }
  return scan;
}

/** Follow export symlinks (bounded) to the stored path. */
export function resolveExportPath(scan: ExportScan, path: string): string {
  let p = path;
  for (let i = 0; i < 8 && scan.links.has(p); i++) p = scan.links.get(p)!;
  return p;
}

async function scanLayer(input: Readable, layer: RawLayer, admit: () => boolean): Promise<void> {
  const ex = extract();
  feed(input, ex);
  for await (const e of ex) {
    const h = e.header;
    e.resume();
    if (!admit()) continue;
    const raw = toRawEntry(h.name, h.type ?? 'file', h.size ?? 0, h.linkname ?? undefined);
    if (raw) layer.entries.push(raw);
  }
}

/** Header → entry; whiteouts become deletions of the path they name. */
export function toRawEntry(name: string, type: string, size: number, linkname?: string): RawEntry | undefined {
  const path = normalizeLayerPath(name);
  if (path === '/') return undefined;
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash) || '/';
  const base = path.slice(slash + 1);
  if (base === '.wh..wh..opq') return { path: dir, type: 'dir', size: 0, whiteout: 'opaque' };
  if (base.startsWith('.wh.')) return { path: dir === '/' ? `/${base.slice(4)}` : `${dir}/${base.slice(4)}`, type: 'other', size: 0, whiteout: 'file' };
  const t: RawEntry['type'] =
    type === 'file' || type === 'contiguous-file' ? 'file' : type === 'directory' ? 'dir' : type === 'symlink' ? 'symlink' : type === 'link' ? 'hardlink' : 'other';
  const entry: RawEntry = { path, type: t, size: t === 'file' ? size : 0 };
  if (linkname && (t === 'symlink' || t === 'hardlink')) entry.linkTarget = t === 'hardlink' ? normalizeLayerPath(linkname) : linkname;
  return entry;
}

function normalizeLayerPath(name: string): string {
  const parts = name.split('/').filter((p) => p && p !== '.');
  return `/${parts.join('/')}`;
}

function normalizeExportPath(name: string): string {
  return name
    .split('/')
    .filter((p) => p && p !== '.')
    .join('/');
}

function joinExportPath(from: string, link: string): string {
  const base = link.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const part of link.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') base.pop();
    else base.push(part);
  }
  return base.join('/');
}

async function peek(body: Readable): Promise<Buffer | null> {
  for (;;) {
    const chunk = body.read() as Buffer | null;
    if (chunk) {
      body.unshift(chunk);
      return chunk;
    }
    if (body.readableEnded || body.destroyed) return null;
    await Promise.race([once(body, 'readable'), once(body, 'end')]);
  }
}

async function collect(body: Readable): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of body) text += decoder.decode(chunk as Buffer, { stream: true });
  return text + decoder.decode();
}

async function drain(body: Readable): Promise<void> {
  if (body.readableEnded || body.destroyed) return;
  body.unpipe();
  body.resume();
  if (!body.readableEnded) await once(body, 'end').catch(() => undefined);
}
