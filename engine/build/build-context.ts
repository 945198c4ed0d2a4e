import dockerignore from '@balena/dockerignore';
import { createReadStream } from 'node:fs';
import { lstat, opendir, readFile, readlink, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pack, type Pack } from 'tar-stream';
import { BerthError } from '../../contract/errors.js';

/** Where a build's files are, checked. */
export interface ResolvedContext {
  /** Absolute context folder. */
  dir: string;
  /** Absolute Dockerfile path (on disk). */
  dockerfilePath: string;
  /** The Dockerfile's name inside the tar sent to the engine (the `dockerfile` query parameter). */
  dockerfileInTar: string;
  /** True when the Dockerfile lies outside the context and is added to the tar under a private name. */
  dockerfileOutside: boolean;
}

/** Check the context folder and Dockerfile exist; clear errors naming the paths. */
export async function resolveContext(context: string, dockerfile: string): Promise<ResolvedContext> {
  const dir = resolve(context);
  const dirStat = await stat(dir).catch(() => undefined);
  if (!dirStat) throw new BerthError('VALIDATION', `The context folder ${dir} does not exist`, { field: 'context' });
  if (!dirStat.isDirectory()) throw new BerthError('VALIDATION', `The context ${dir} is not a folder`, { field: 'context' });
  const dockerfilePath = isAbsolute(dockerfile) ? resolve(dockerfile) : resolve(dir, dockerfile);
  const fileStat = await stat(dockerfilePath).catch(() => undefined);
  if (!fileStat) throw new BerthError('VALIDATION', `The Dockerfile ${dockerfilePath} does not exist`, { field: 'dockerfile' });
  if (!fileStat.isFile()) throw new BerthError('VALIDATION', `The Dockerfile ${dockerfilePath} is not a file`, { field: 'dockerfile' });
  const rel = relative(dir, dockerfilePath);
  // A Dockerfile in the context that links out of it is sent as the file it links to, as the docker CLI
  // does: the engine follows a link only inside the context.
  const outside = isOutside(rel) || ((await lstat(dockerfilePath)).isSymbolicLink() && isOutside(relative(await realpath(dir), await realpath(dockerfilePath))));
  return {
    dir,
    dockerfilePath,
    dockerfileInTar: outside ? '.berth-dockerfile' : toPosix(rel),
    dockerfileOutside: outside,
  };
}

function isOutside(rel: string): boolean {
  return rel.startsWith('..') || isAbsolute(rel);
}

export interface ContextProgress {
  files: number;
  bytes: number;
}

export interface PackOptions {
  signal?: AbortSignal;
  /** Called after each file (the caller throttles). */
  onProgress?: (p: ContextProgress, done: boolean) => void;
}

/**
 * The build context as a tar stream, produced while walking the folder: each file is streamed from
 * disk into the tar as the engine reads it (backpressure from the HTTP request), so the context is
 * never held in memory. `.dockerignore` is honoured with Docker's semantics (incl. `!` exceptions);
 * the Dockerfile and `.dockerignore` are always sent, as Docker does.
 */
export function packContext(ctx: ResolvedContext, options: PackOptions = {}): Pack {
  const tar = pack();
  void fillTar(tar, ctx, options).then(
    () => tar.finalize(),
    (err: unknown) => tar.destroy(err instanceof Error ? err : new Error(String(err))),
  );
  return tar;
}

/** The relative paths (posix) a context sends, in order; for tests and previews. */
export async function listContext(ctx: ResolvedContext): Promise<string[]> {
  const out: string[] = [];
  const matcher = await loadIgnore(ctx);
  for await (const item of walk(ctx.dir, '', matcher)) out.push(item.rel);
  return out;
}

interface Matcher {
  ignores(rel: string): boolean;
  hasExceptions: boolean;
  always: Set<string>;
}

async function loadIgnore(ctx: ResolvedContext): Promise<Matcher> {
  const text = await readFile(join(ctx.dir, '.dockerignore'), 'utf8').catch(() => '');
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const ig = dockerignore({ ignorecase: false }).add(lines);
  const always = new Set(['.dockerignore']);
  if (!ctx.dockerfileOutside) always.add(ctx.dockerfileInTar);
  return { ignores: (rel) => !always.has(rel) && ig.ignores(rel), hasExceptions: lines.some((l) => l.startsWith('!')), always };
}

interface WalkItem {
  rel: string;
  abs: string;
  kind: 'file' | 'dir' | 'symlink';
}

async function* walk(root: string, relDir: string, matcher: Matcher): AsyncGenerator<WalkItem> {
  const dirents: { name: string; isDir: boolean; isFile: boolean; isLink: boolean }[] = [];
  const handle = await opendir(relDir ? join(root, ...relDir.split('/')) : root);
  for await (const d of handle) dirents.push({ name: d.name, isDir: d.isDirectory(), isFile: d.isFile(), isLink: d.isSymbolicLink() });
  dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const d of dirents) {
    const rel = relDir ? `${relDir}/${d.name}` : d.name;
    const abs = join(root, ...rel.split('/'));
    const ignored = matcher.ignores(rel);
    if (d.isDir) {
      // An ignored folder is skipped whole unless a "!" exception might re-include something inside.
      if (ignored && !matcher.hasExceptions && !hasAlwaysInside(matcher, rel)) continue;
      if (!ignored) yield { rel, abs, kind: 'dir' };
      yield* walk(root, rel, matcher);
    } else if (!ignored && (d.isFile || d.isLink)) {
      yield { rel, abs, kind: d.isLink ? 'symlink' : 'file' };
    }
  }
}

async function fillTar(tar: Pack, ctx: ResolvedContext, options: PackOptions): Promise<void> {
  const matcher = await loadIgnore(ctx);
  const progress: ContextProgress = { files: 0, bytes: 0 };
  const check = () => {
    if (options.signal?.aborted) throw new BerthError('CANCELLED', 'The build was cancelled');
  };
  for await (const item of walk(ctx.dir, '', matcher)) {
    check();
    const size = await addEntry(tar, item.rel, item.abs, item.kind);
    if (item.kind !== 'dir') {
      progress.files++;
      if (item.kind === 'file') progress.bytes += size;
      options.onProgress?.(progress, false);
    }
  }
  if (ctx.dockerfileOutside) {
    check();
    // Followed when it is a link: the header's size must be that of the bytes streamed.
    progress.bytes += await addEntry(tar, ctx.dockerfileInTar, ctx.dockerfilePath, 'file', true);
    progress.files++;
  }
  options.onProgress?.(progress, true);
}

/** Add one entry from a single lstat (stat when `follow`): its header and, for a file, the size counted as sent; returns that size. */
async function addEntry(tar: Pack, rel: string, abs: string, kind: WalkItem['kind'], follow = false): Promise<number> {
  const st = follow ? await stat(abs) : await lstat(abs);
  const common = { name: rel, mode: st.mode & 0o7777, mtime: st.mtime, uid: 0, gid: 0 };
  if (kind === 'dir') {
    await entryDone(tar, { ...common, type: 'directory' });
  } else if (kind === 'symlink') {
    await entryDone(tar, { ...common, type: 'symlink', linkname: await readlink(abs) });
  } else {
    await new Promise<void>((res, rej) => {
      const sink = tar.entry({ ...common, type: 'file', size: st.size }, (err) => (err ? rej(err) : res()));
      const source = createReadStream(abs);
      // A file that changed size since its lstat makes the entry fail ("Size mismatch"): unheard, that error took the whole process down.
      // The tar fails with this same error object, so it is reworded in place to name the file.
      sink.on('error', (err: Error) => {
        source.destroy();
        if (/^size mismatch$/i.test(err.message)) err.message = `${rel} changed size while it was being sent; build again once it stops changing`;
        rej(err);
      });
      source.on('error', (err) => {
        sink.destroy(err);
        rej(err);
      });
      source.pipe(sink);
    });
  }
  return st.size;
}

function hasAlwaysInside(matcher: Matcher, dirRel: string): boolean {
  for (const a of matcher.always) if (a.startsWith(`${dirRel}/`)) return true;
  return false;
}

function entryDone(tar: Pack, header: Parameters<Pack['entry']>[0]): Promise<void> {
  return new Promise((res, rej) => tar.entry(header, (err) => (err ? rej(err) : res())));
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}
