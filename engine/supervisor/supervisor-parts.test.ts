import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkEmbedded } from './embedded-check.js';
import { EXEC_ROOT_MAX, embeddedPaths } from './embedded-paths.js';
import { RotatingLogFile } from './log-file.js';
import { LogTail } from './log-tail.js';

describe('embeddedPaths', () => {
  it('keeps everything under the data dir when short enough', () => {
    const p = embeddedPaths('/tmp/b');
    expect(p).toEqual({
      dir: '/tmp/b/engine',
      socketPath: '/tmp/b/engine/docker.sock',
      host: 'unix:///tmp/b/engine/docker.sock',
      dataRoot: '/tmp/b/engine/data',
      execRoot: '/tmp/b/engine/run',
      pidFile: '/tmp/b/engine/dockerd.pid',
      logFile: '/tmp/b/engine/dockerd.log',
      configFile: '/tmp/b/engine/daemon.json',
    });
  });

  it('moves the exec root to a short per-data-dir path under /run when needed', () => {
    const a = embeddedPaths('/home/someone/.local/share/berth');
    const b = embeddedPaths('/home/other/.local/share/berth');
    expect(a.execRoot).toMatch(/^\/run\/berth-[0-9a-f]{8}$/);
    expect(a.execRoot).not.toBe(b.execRoot);
    expect(a.execRoot.length).toBeLessThanOrEqual(EXEC_ROOT_MAX);
    expect(a.socketPath).toBe('/home/someone/.local/share/berth/engine/docker.sock');
  });

  it('puts the API socket in the exec root when the data dir is too deep for a unix socket', () => {
    const deep = `/home/${'x'.repeat(100)}`;
    const p = embeddedPaths(deep);
    expect(p.socketPath).toBe(`${p.execRoot}/docker.sock`);
    expect(Buffer.byteLength(p.socketPath)).toBeLessThanOrEqual(107);
  });
});

describe('checkEmbedded', () => {
  const base = { platform: 'linux' as const, uid: 0, path: '/usr/local/bin:/usr/sbin', isExecutable: (f: string) => f === '/usr/sbin/dockerd' };

  it('is possible on Linux as root with dockerd on PATH', () => {
    expect(checkEmbedded(base)).toEqual({ possible: true, dockerdPath: '/usr/sbin/dockerd' });
  });

  it('explains a missing dockerd and how to install it', () => {
    const r = checkEmbedded({ ...base, isExecutable: () => false });
    expect(r).toEqual({ possible: false, message: 'dockerd is not installed (not found on PATH), so Berth cannot start its own engine', remedy: expect.any(String) });
    expect(!r.possible && r.remedy).toMatch(/^Install Docker Engine \(Debian\/Ubuntu: sudo apt-get install docker\.io;/);
    expect(!r.possible && r.remedy).toContain('and run Berth as root so it can start its own engine, or start Docker and set DOCKER_HOST.');
  });

  it('explains that root is needed', () => {
    const r = checkEmbedded({ ...base, uid: 1000 });
    expect(r.possible).toBe(false);
    expect(!r.possible && r.message).toBe('dockerd is installed at /usr/sbin/dockerd but Berth is not running as root, so it cannot start its own engine');
    expect(!r.possible && r.remedy).toContain('sudo usermod -aG docker $USER');
  });

  it('explains other platforms', () => {
    const r = checkEmbedded({ ...base, platform: 'darwin' });
    expect(!r.possible && r.message).toBe('Berth can only start its own engine on Linux (this is darwin)');
  });
});

describe('LogTail', () => {
  it('keeps the last lines, oldest first', () => {
    const t = new LogTail(3);
    for (const l of ['a', 'b']) t.push(l);
    expect(t.lines()).toEqual(['a', 'b']);
    for (const l of ['c', 'd', 'e']) t.push(l);
    expect(t.lines()).toEqual(['c', 'd', 'e']);
  });
});

describe('RotatingLogFile', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('rotates once past its size limit', async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-log-'));
    const file = join(dir, 'd.log');
    const log = new RotatingLogFile(file, 20);
    log.write('0123456789'); // 11 bytes
    log.write('abcdefghij'); // 22 bytes → rotates
    log.write('next');
    await log.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(readFileSync(`${file}.1`, 'utf8')).toBe('0123456789\nabcdefghij\n');
    expect(readFileSync(file, 'utf8')).toBe('next\n');
    expect(existsSync(`${file}.2`)).toBe(false);
  });
});
