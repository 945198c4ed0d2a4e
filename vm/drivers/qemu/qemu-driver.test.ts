import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
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

// QEMU stand-in (vm/testing/fake-qemu-system.mjs): plays FAKE_QEMU_PLAN, one step per start.
const fakeQemu = fileURLToPath(new URL('../../testing/fake-qemu-system.mjs', import.meta.url));

async function bootWithPlan(plan: string) {
  const base = mkdtempSync(join(dir, 'panic-'));
  const img = join(base, 'img');
  const bin = join(base, 'qemu-system-x86_64');
  writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${fakeQemu}" "$@"\n`);
  chmodSync(bin, 0o755);
  mkdirSync(img);
  for (const f of ['vmlinuz', 'initrd.img', 'rootfs.img']) writeFileSync(join(img, f), '');
  const count = join(base, 'count');
  process.env.FAKE_QEMU_PLAN = plan;
  process.env.FAKE_QEMU_COUNT = count;
  const logs: string[] = [];
  const steps: string[] = [];
  const d = new QemuDriver({ dataDir: join(base, 'data'), imageDir: img, qemuBinary: bin, arch: 'x86_64', accel: 'tcg', firmware: join(img, 'vmlinuz'), bootTimeoutMs: 60_000, log: (l) => logs.push(l) });
  await d.create({ name: 'berth', resources: { cpus: 1, memoryMiB: 512, diskGiB: 1 }, shares: [], imagePath: img });
  const t0 = Date.now();
  const outcome = await d.start((p) => steps.push(p.step)).then(() => 'started', (e: Error) => e.message);
  const starts = Number(readFileSync(count, 'utf8'));
  return { d, outcome, starts, logs, steps, ms: Date.now() - t0 };
}

describe('QemuDriver when the guest kernel panics while booting', () => {
  afterEach(() => {
    delete process.env.FAKE_QEMU_PLAN;
    delete process.env.FAKE_QEMU_COUNT;
  });

  it('a panic that hangs the guest is seen on the console, and the VM boots once more; a second panic is the error', async () => {
    const r = await bootWithPlan('panic-hang,panic-hang');
    expect(r.starts).toBe(2);
    expect(r.outcome).toMatch(/^The VM's kernel panicked while booting \(Kernel panic - not syncing: Fatal exception in interrupt\)\. It had panicked on the boot before too\./);
    expect(r.ms).toBeLessThan(30_000);
    expect(r.steps).toContain('The guest kernel panicked; starting the VM again');
    expect(r.logs.some((l) => l.startsWith('the guest kernel panicked while booting; booting it once more') && l.includes('Fatal exception in interrupt'))).toBe(true);
    const status = await r.d.status();
    expect(status.state).toBe('error');
    expect(r.d.pid).toBeUndefined();
  }, 60_000);

  it('a panic that ends QEMU (panic=-1) is named as the cause, not just "QEMU ended"', async () => {
    const r = await bootWithPlan('panic-exit,panic-exit');
    expect(r.starts).toBe(2);
    expect(r.outcome).toMatch(/^The VM's kernel panicked while booting \(Kernel panic - not syncing: Fatal exception in interrupt\)\. It had panicked/);
  }, 60_000);

  it('a boot after a panic that fails otherwise is reported as it is', async () => {
    const r = await bootWithPlan('panic-exit,exit');
    expect(r.starts).toBe(2);
    expect(r.outcome).toMatch(/^QEMU ended \(exit code 1\) before the engine answered\./);
  }, 60_000);

  it('QEMU ending without a panic is not retried', async () => {
    const r = await bootWithPlan('exit,exit');
    expect(r.starts).toBe(1);
    expect(r.outcome).toMatch(/^QEMU ended \(exit code 1\) before the engine answered\./);
  }, 60_000);
});
