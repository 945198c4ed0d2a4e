import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Process-level: runs server/main.ts the way `npm run web` runs its bundle, against no engine at all.
const root = fileURLToPath(new URL('..', import.meta.url));
const READY = /^Berth is ready at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/;

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runMain(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function readyLine(run: Run, timeoutMs = 30_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = run.stdout().split('\n')[0] ?? '';
    const m = run.stdout().includes('\n') ? READY.exec(line) : null;
    if (m) return m;
    if (run.child.exitCode !== null || Date.now() > deadline) throw new Error(`no ready line; stdout=${run.stdout()} stderr=${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('server/main (process)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-main-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Berth UI</title>');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints one ready line, guards with the token, and exits 0 on SIGTERM', async () => {
    const run = runMain(['--port', '0', '--no-embedded-engine', '--docker-host', 'unix:///nonexistent/docker.sock', '--data-dir', join(dir, 'data')], { BERTH_UI_DIR: dir });
    try {
      const m = await readyLine(run);
      const port = Number(m[2]);
      const token = m[3]!;
      expect(token.length).toBeGreaterThanOrEqual(43);
      expect((await get(port, '/')).status).toBe(401);
      const signIn = await get(port, `/?token=${token}`);
      expect(signIn.status).toBe(303);
      const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
      const page = await get(port, '/', { Cookie: cookie });
      expect(page.status).toBe(200);
      expect(page.body).toContain('Berth UI');
      run.child.kill('SIGTERM');
      expect(await run.exit).toEqual({ code: 0, signal: null });
      expect(run.stdout()).toBe(`${m[0]}\n`);
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 60_000);

  it('uses the token from --token-file', async () => {
    const file = join(dir, 'token');
    await writeFile(file, 'file-token-0123456789abcdef\n');
    const run = runMain(['--token-file', file, '--no-embedded-engine', '--data-dir', join(dir, 'data')], { BERTH_UI_DIR: dir });
    try {
      const m = await readyLine(run);
      expect(m[3]).toBe('file-token-0123456789abcdef');
      expect((await get(Number(m[2]), '/', { Authorization: 'Bearer file-token-0123456789abcdef' })).status).toBe(200);
      run.child.kill('SIGINT');
      expect((await run.exit).code).toBe(0);
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 60_000);

  it('exits 2 with a clear message for a missing or empty token file', async () => {
    const missing = runMain(['--token-file', join(dir, 'nope')]);
    expect((await missing.exit).code).toBe(2);
    expect(missing.stderr()).toMatch(/Cannot read the token file .*nope: it does not exist/);
    expect(missing.stdout()).toBe('');
    await writeFile(join(dir, 'empty'), '\n');
    const empty = runMain(['--token-file', join(dir, 'empty')]);
    expect((await empty.exit).code).toBe(2);
    expect(empty.stderr()).toMatch(/is empty/);
  }, 60_000);

  it('exits 2, before listening or writing anything, when --data-dir is a file', async () => {
    const file = join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    for (const dataDir of [file, join(file, 'sub')]) {
      const run = runMain(['--no-embedded-engine', '--data-dir', dataDir], { BERTH_UI_DIR: dir });
      expect((await run.exit).code).toBe(2);
      expect(run.stderr()).toMatch(/The data folder .*not-a-folder.* (is a file, not a folder|a file is in the way).*--data-dir/);
      expect(run.stderr()).not.toMatch(/settings|log file/);
      expect(run.stdout()).toBe('');
    }
  }, 60_000);

  it('exits 2 with the usage for a bad flag', async () => {
    const run = runMain(['--prot', '80']);
    expect((await run.exit).code).toBe(2);
    expect(run.stderr()).toMatch(/--prot/);
    expect(run.stderr()).toMatch(/Usage:/);
  }, 60_000);
});
