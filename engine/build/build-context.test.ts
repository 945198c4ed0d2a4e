import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract, type Pack } from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BerthError } from '../../contract/errors.js';
import { feed } from '../streams/feed.js';
import { listContext, packContext, resolveContext } from './build-context.js';

// The real lstat, counted: each file of a context must be read from disk's metadata once, not twice.
const fsCalls = vi.hoisted(() => ({ lstat: [] as string[], shrink: '' }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    lstat: (path: string, ...rest: []) => {
      fsCalls.lstat.push(String(path));
      // A file that grows between its lstat and its read: the header's size is too small for the bytes.
      if (String(path) === fsCalls.shrink) return real.lstat(path, ...rest).then((st) => Object.assign(st, { size: 1 }));
      return real.lstat(path, ...rest);
    },
  };
});

let dir: string;
const write = (rel: string, text = rel) => {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), text);
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-ctx-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function tarEntries(source: Pack): Promise<Map<string, { type: string; body: string; mode?: number }>> {
  const ex = extract();
  feed(source, ex);
  const out = new Map<string, { type: string; body: string; mode?: number }>();
  for await (const e of ex) {
    let body = '';
    for await (const chunk of e) body += (chunk as Buffer).toString();
    out.set(e.header.name, { type: e.header.type ?? 'file', body, mode: e.header.mode });
  }
  return out;
}

describe('build context', () => {
  it('honours .dockerignore with Docker semantics, "!" exceptions included, and always sends the Dockerfile and .dockerignore', async () => {
    write('Dockerfile', 'FROM scratch\n');
    write('.dockerignore', '# comment\n*.log\nnode_modules\nbuild\n!build/keep.txt\nDockerfile\n.dockerignore\n');
    write('app.js');
    write('debug.log');
    write('sub/deep.log'); // "*.log" only matches at the root, as in Docker
    write('node_modules/x/index.js');
    write('build/out.bin');
    write('build/keep.txt');
    const ctx = await resolveContext(dir, 'Dockerfile');
    expect(await listContext(ctx)).toEqual(['.dockerignore', 'Dockerfile', 'app.js', 'build/keep.txt', 'sub', 'sub/deep.log']);
  });

  it('streams file bodies, modes and symlinks into a tar the engine can read', async () => {
    write('Dockerfile', 'FROM scratch\nCOPY . /\n');
    write('bin/run.sh', '#!/bin/sh\necho hi\n');
    const { chmodSync } = await import('node:fs');
    chmodSync(join(dir, 'bin/run.sh'), 0o755);
    symlinkSync('bin/run.sh', join(dir, 'run'));
    const big = 'x'.repeat(300_000);
    write('big.txt', big);
    const ctx = await resolveContext(dir, 'Dockerfile');
    const progress: number[] = [];
    const entries = await tarEntries(packContext(ctx, { onProgress: (p, done) => done && progress.push(p.files, p.bytes) }));
    expect(entries.get('bin')?.type).toBe('directory');
    expect(entries.get('bin/run.sh')).toMatchObject({ type: 'file', body: '#!/bin/sh\necho hi\n', mode: 0o755 });
    expect(entries.get('run')?.type).toBe('symlink');
    expect(entries.get('big.txt')?.body.length).toBe(big.length);
    expect(progress[0]).toBe(4); // Dockerfile, big.txt, bin/run.sh, run
    expect(progress[1]).toBeGreaterThan(300_000);
  });

  it('reads each entry’s metadata once (one lstat gives the header and the bytes counted)', async () => {
    write('Dockerfile', 'FROM scratch\n');
    write('a.txt', 'aaa');
    write('sub/b.txt', 'bbbbb');
    symlinkSync('a.txt', join(dir, 'link'));
    const ctx = await resolveContext(dir, 'Dockerfile');
    fsCalls.lstat.length = 0;
    let sent = { files: 0, bytes: 0 };
    await tarEntries(packContext(ctx, { onProgress: (p, done) => done && (sent = { ...p }) }));
    const perPath = new Map<string, number>();
    for (const p of fsCalls.lstat) perPath.set(p, (perPath.get(p) ?? 0) + 1);
    expect([...perPath.keys()].sort()).toEqual(['Dockerfile', 'a.txt', 'link', 'sub', 'sub/b.txt'].map((r) => join(dir, r)));
    expect([...perPath.values()].every((n) => n === 1)).toBe(true);
    expect(sent).toEqual({ files: 4, bytes: 'FROM scratch\n'.length + 3 + 5 });
  });

  it('adds a Dockerfile that lies outside the context under a private name', async () => {
    write('ctx/app.txt');
    write('other/Build.dockerfile', 'FROM scratch\n');
    const ctx = await resolveContext(join(dir, 'ctx'), join(dir, 'other/Build.dockerfile'));
    expect(ctx.dockerfileOutside).toBe(true);
    let sent = { files: 0, bytes: 0 };
    const entries = await tarEntries(packContext(ctx, { onProgress: (p, done) => done && (sent = { ...p }) }));
    expect(entries.get(ctx.dockerfileInTar)?.body).toBe('FROM scratch\n');
    // Counted as sent, bytes included.
    expect(sent).toEqual({ files: 2, bytes: 'ctx/app.txt'.length + 'FROM scratch\n'.length });
    expect([...entries.keys()].sort()).toEqual(['.berth-dockerfile', 'app.txt']);
  });

  it('follows a Dockerfile outside the context that is a symlink: the bytes of its target, under a header of their size', async () => {
    const text = 'FROM scratch\nLABEL note="longer than the link itself"\n';
    write('ctx/app.txt');
    write('real/Dockerfile.dev', text);
    mkdirSync(join(dir, 'other'));
    symlinkSync(join(dir, 'real/Dockerfile.dev'), join(dir, 'other/Dockerfile'));
    const ctx = await resolveContext(join(dir, 'ctx'), join(dir, 'other/Dockerfile'));
    let sent = { files: 0, bytes: 0 };
    const entries = await tarEntries(packContext(ctx, { onProgress: (p, done) => done && (sent = { ...p }) }));
    expect(entries.get('.berth-dockerfile')).toMatchObject({ type: 'file', body: text });
    expect(sent).toEqual({ files: 2, bytes: 'ctx/app.txt'.length + text.length });
  });

  it('sends a Dockerfile in the context that links outside it as the file it links to (the engine cannot follow it out)', async () => {
    write('ctx/app.txt');
    write('shared/Dockerfile', 'FROM scratch\n');
    symlinkSync(join(dir, 'shared/Dockerfile'), join(dir, 'ctx/Dockerfile'));
    const ctx = await resolveContext(join(dir, 'ctx'), 'Dockerfile');
    const entries = await tarEntries(packContext(ctx));
    expect(entries.get(ctx.dockerfileInTar)).toMatchObject({ type: 'file', body: 'FROM scratch\n' });
  });

  it('rejects a missing folder or Dockerfile with an error naming the path', async () => {
    await expect(resolveContext(join(dir, 'nope'), 'Dockerfile')).rejects.toThrow(`The context folder ${join(dir, 'nope')} does not exist`);
    await expect(resolveContext(dir, 'Dockerfile')).rejects.toMatchObject({ code: 'VALIDATION', message: `The Dockerfile ${join(dir, 'Dockerfile')} does not exist` });
    write('file.txt');
    await expect(resolveContext(join(dir, 'file.txt'), 'Dockerfile')).rejects.toBeInstanceOf(BerthError);
  });

  it('a file whose size changes while it is sent fails the context with an error, and nothing is left unhandled (it took the server down)', async () => {
    write('Dockerfile', 'FROM scratch\n');
    write('grows.txt', 'more than one byte');
    fsCalls.shrink = join(dir, 'grows.txt');
    try {
      const ctx = await resolveContext(dir, 'Dockerfile');
      await expect(tarEntries(packContext(ctx))).rejects.toThrow('grows.txt changed size while it was being sent; build again once it stops changing');
      // An 'error' event with no listener surfaces a tick later.
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      fsCalls.shrink = '';
    }
  });

  it('stops when cancelled', async () => {
    write('Dockerfile', 'FROM scratch\n');
    for (let i = 0; i < 20; i++) write(`f${i}.txt`);
    const ctl = new AbortController();
    ctl.abort();
    const ctx = await resolveContext(dir, 'Dockerfile');
    await expect(tarEntries(packContext(ctx, { signal: ctl.signal }))).rejects.toThrow(/cancelled/);
  });
});
