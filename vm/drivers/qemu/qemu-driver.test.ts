import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QemuDriver } from './qemu-driver.js';

// Failure paths that need no running QEMU; the real boot is in vm/vm-smoke.vm.test.ts.
const dir = mkdtempSync(join(tmpdir(), 'qemu-driver-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('QemuDriver failure paths', () => {
  it('QEMU missing: says what to install', async () => {
    const d = new QemuDriver({ dataDir: dir, imageDir: dir, qemuBinary: '/nonexistent/qemu-system-x86_64', arch: 'x86_64' });
    const a = await d.available();
    expect(a.ok).toBe(false);
    if (a.ok) return;
    expect(a.message).toBe('QEMU (/nonexistent/qemu-system-x86_64) is not installed, and Berth needs it to run the engine in a VM.');
    expect(a.remedy).toMatch(/apt-get install qemu-system-x86|brew install qemu/);
    await expect(d.start()).rejects.toThrow('is not installed');
  });

  it('an image without its kernel: says how to build it', async () => {
    const img = mkdtempSync(join(dir, 'img-'));
    writeFileSync(join(img, 'initrd.img'), '');
    const d = new QemuDriver({ dataDir: dir, imageDir: img, qemuBinary: process.execPath, arch: 'x86_64' });
    expect(await d.available()).toEqual({ ok: false, message: `The VM image at ${img} has no vmlinuz.`, remedy: 'Build it with `npm run vm:image`.' });
  });

  it('the data disk never shrinks through setResources', async () => {
    const img = mkdtempSync(join(dir, 'img-'));
    const d = new QemuDriver({ dataDir: join(dir, 'data'), imageDir: img, arch: 'x86_64' });
    await d.create({ name: 'berth', resources: { cpus: 1, memoryMiB: 512, diskGiB: 4 }, shares: [], imagePath: img });
    expect((await d.status()).state).toBe('stopped');
    await expect(d.setResources({ cpus: 1, memoryMiB: 512, diskGiB: 2 })).rejects.toThrow('The VM disk cannot shrink');
    await d.setResources({ cpus: 2, memoryMiB: 1024, diskGiB: 6 });
    expect((await d.status()).resources).toEqual({ cpus: 2, memoryMiB: 1024, diskGiB: 6 });
  });
});
