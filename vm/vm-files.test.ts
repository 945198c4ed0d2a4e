import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDockerContext } from './docker-context.js';
import { acquireVmLock, ensureDataDisk, writeSeedDisk } from './vm-files.js';

const dir = mkdtempSync(join(tmpdir(), 'vm-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('VM files', () => {
  it('the data disk is sparse, grows, and refuses to shrink', () => {
    const disk = join(dir, 'data.img');
    ensureDataDisk(disk, 2);
    expect(statSync(disk).size).toBe(2 * 1024 ** 3);
    expect(statSync(disk).blocks).toBeLessThan(16);
    ensureDataDisk(disk, 3);
    expect(statSync(disk).size).toBe(3 * 1024 ** 3);
    expect(() => ensureDataDisk(disk, 2)).toThrow('The VM disk cannot shrink: it is 3 GiB, 2 GiB was asked');
    expect(() => ensureDataDisk(disk, 0)).toThrow('at least 1 GiB');
  });

  it('the seed disk is a tar in whole sectors that tar can read', async () => {
    const seed = join(dir, 'seed.tar');
    await writeSeedDisk(seed, { 'ca.pem': 'CA', 'server-key.pem': 'KEY' });
    expect(statSync(seed).size % 512).toBe(0);
    expect(execFileSync('tar', ['-xOf', seed, 'server-key.pem'], { encoding: 'utf8' })).toBe('KEY');
  });

  it('a second Berth on the same VM is refused; a stale lock is taken over', () => {
    const lockPath = join(dir, 'berth.lock');
    writeFileSync(lockPath, '1'); // pid 1 is alive: another holder
    expect(() => acquireVmLock(lockPath)).toThrow('Another Berth (pid 1) is already using this VM');
    writeFileSync(lockPath, '99999999'); // gone
    const lock = acquireVmLock(lockPath);
    expect(readFileSync(lockPath, 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(() => statSync(lockPath)).toThrow();
  });

  it('writes the docker context where the CLI looks for it', () => {
    const path = writeDockerContext(dir, 'unix:///x/docker.sock');
    // sha256("berth"), as the docker CLI computes it
    expect(path).toBe(join(dir, 'contexts/meta/5c2f64c7f21efd5fb5e3d6a499abe5eacb248ae6f6f0085387c9a056d10ef5fd/meta.json'));
    expect(JSON.parse(readFileSync(path, 'utf8')).Endpoints.docker.Host).toBe('unix:///x/docker.sock');
  });
});
