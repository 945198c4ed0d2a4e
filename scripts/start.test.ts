import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The decisions of `npm start` (scripts/start.sh), in its dry-run mode, on throw-away trees.
const repo = fileURLToPath(new URL('..', import.meta.url));
const tools = ['bash', 'node', 'npm', 'find', 'cat', 'uname', 'id', 'dirname', 'timeout', 'env', 'printf', 'apt-get'];

describe('scripts/start.sh', () => {
  let dir: string;
  let bin: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-start-'));
    // A PATH without dockerd, with apt-get (as on a fresh Debian).
    bin = join(dir, 'bin');
    mkdirSync(bin);
    for (const t of tools) {
      const p = execFileSync('bash', ['-c', `command -v ${t} || true`], { encoding: 'utf8' }).trim();
      if (p) symlinkSync(p, join(bin, t));
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const tree = (name: string) => {
    const root = join(dir, name);
    mkdirSync(join(root, 'scripts'), { recursive: true });
    mkdirSync(join(root, 'server'), { recursive: true });
    copyFileSync(join(repo, 'scripts/start.sh'), join(root, 'scripts/start.sh'));
    writeFileSync(join(root, 'package-lock.json'), '{}');
    writeFileSync(join(root, 'server/main.ts'), '');
    const old = new Date(Date.now() - 120_000);
    utimesSync(join(root, 'package-lock.json'), old, old);
    utimesSync(join(root, 'server/main.ts'), old, old);
    return root;
  };
  const installed = (root: string) => {
    for (const f of ['node_modules/.package-lock.json', 'dist/renderer/index.html', 'dist/server/main.js', 'dist/electron/main.js', 'dist/electron/preload.cjs']) {
      mkdirSync(dirname(join(root, f)), { recursive: true });
      writeFileSync(join(root, f), '');
    }
  };
  const electron = (root: string, exitCode: number) => {
    mkdirSync(join(root, 'node_modules/electron/dist'), { recursive: true });
    writeFileSync(join(root, 'node_modules/electron/path.txt'), 'electron');
    writeFileSync(join(root, 'node_modules/electron/dist/electron'), `#!/bin/sh\nexit ${exitCode}\n`);
    chmodSync(join(root, 'node_modules/electron/dist/electron'), 0o755);
  };
  /** Everything the script says (it writes to stderr; in a dry run stdout stays empty). */
  const start = (root: string, env: Record<string, string> = {}) => {
    const r = spawnSync(join(bin, 'bash'), [join(root, 'scripts/start.sh'), '--port', '0'], {
      env: { PATH: bin, HOME: dir, BERTH_START_DRY_RUN: '1', ...env },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    return r.stderr;
  };

  it.runIf(process.getuid?.() === 0 && !existsSync('/var/run/docker.sock'))('on a fresh machine: installs docker.io, runs npm ci, builds, then browser mode', () => {
    const out = start(tree('fresh'));
    expect(out).toContain('[dry run] apt-get update');
    expect(out).toContain('apt-get install -y docker.io');
    expect(out).toContain('[dry run] env ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci');
    expect(out).toContain('[dry run] npm run build');
    expect(out).toContain("Electron's binary is not installed on this machine (its download is not reachable), so Berth is starting in browser mode.");
    expect(out).toContain('[dry run] exec node dist/server/main.js --port 0');
  });

  it('when everything is in place and there is no Electron binary: straight to browser mode', () => {
    const root = tree('ready');
    installed(root);
    const out = start(root, { DOCKER_HOST: 'unix:///x.sock' });
    expect(out).not.toMatch(/apt-get|npm ci|npm run build/);
    expect(out.trim().split('\n')).toEqual([
      "berth: Electron's binary is not installed on this machine (its download is not reachable), so Berth is starting in browser mode.",
      'berth: [dry run] exec node dist/server/main.js --port 0',
    ]);
  });

  it('rebuilds when a source is newer than dist', () => {
    const root = tree('stale');
    installed(root);
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'server/main.ts'), future, future);
    expect(start(root, { DOCKER_HOST: 'unix:///x.sock' })).toContain('[dry run] npm run build');
  });

  it('launches Electron when its binary works and there is a display; browser mode without a display', () => {
    const root = tree('desktop');
    installed(root);
    electron(root, 0);
    const desktop = start(root, { DOCKER_HOST: 'unix:///x.sock', DISPLAY: ':0' });
    expect(desktop).toMatch(/\[dry run\] exec node_modules\/electron\/dist\/electron (--no-sandbox )?\S+\/desktop --port 0/);
    expect(start(root, { DOCKER_HOST: 'unix:///x.sock' })).toContain('There is no graphical display here');
    electron(root, 127);
    expect(start(root, { DOCKER_HOST: 'unix:///x.sock', DISPLAY: ':0' })).toContain('cannot run here');
  });
});
