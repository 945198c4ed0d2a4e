import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedAccel, detectAccel, hostBootId, probeArgs } from './accel.js';

describe('detectAccel', () => {
  it('uses hvf on macOS when it runs, TCG with a plain warning when not', async () => {
    expect(await detectAccel('q', 'aarch64', 'darwin', async (_b, _a, accel) => accel === 'hvf')).toEqual({ accel: 'hvf' });
    const tcg = await detectAccel('q', 'aarch64', 'darwin', async () => false);
    expect(tcg.accel).toBe('tcg');
    expect(tcg.warning).toContain('hvf');
    expect(tcg.warning).toContain('will be slow');
  });

  it('on Linux, verifies KVM by running it and falls back to TCG here', async () => {
    const tried: string[] = [];
    const choice = await detectAccel('q', 'x86_64', 'linux', async (_b, _a, accel) => (tried.push(accel), false));
    expect(choice.accel).toBe('tcg');
    expect(choice.warning).toMatch(/\/dev\/kvm/);
  });

  it('Windows has no accelerator for this driver', async () => {
    expect((await detectAccel('q', 'x86_64', 'win32', async () => true)).accel).toBe('tcg');
  });

  it('probes KVM and HVF with the CPU model the VM gets (-cpu host), not QEMU’s default', () => {
    // A KVM that runs SeaBIOS with the default CPU but aborts with -cpu host passed the old probe,
    // then the VM died at once ("failed to set MSR 0x10a") and its start waited 10 minutes.
    expect(probeArgs('x86_64', 'kvm').join(' ')).toContain('-accel kvm -cpu host');
    expect(probeArgs('x86_64', 'hvf').join(' ')).toContain('-cpu host');
    expect(probeArgs('x86_64', 'tcg')).not.toContain('-cpu');
  });
});


describe('cachedAccel', () => {
  it('probes once per host boot and QEMU binary, and again after the cache is removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accel-'));
    const file = join(dir, 'accel.json');
    let probes = 0;
    const detect = async () => (probes++, { accel: 'tcg' as const, warning: 'slow' });
    expect(await cachedAccel(file, 'qemu-a', detect, () => 'boot-1')).toEqual({ accel: 'tcg', warning: 'slow' });
    expect(await cachedAccel(file, 'qemu-a', detect, () => 'boot-1')).toEqual({ accel: 'tcg', warning: 'slow' });
    expect(probes).toBe(1);
    await cachedAccel(file, 'qemu-a', detect, () => 'boot-2');
    await cachedAccel(file, 'qemu-b', detect, () => 'boot-2');
    expect(probes).toBe(3);
    rmSync(file);
    await cachedAccel(file, 'qemu-b', detect, () => 'boot-2');
    expect(probes).toBe(4);
    writeFileSync(file, '{broken');
    await cachedAccel(file, 'qemu-b', detect, () => 'boot-2');
    expect(probes).toBe(5);
    rmSync(dir, { recursive: true });
  });

  it('a missing VM dir is not an error: the probe is just not kept', async () => {
    expect(await cachedAccel('/nonexistent/dir/accel.json', 'q', async () => ({ accel: 'kvm' }), () => 'b')).toEqual({ accel: 'kvm' });
  });

  it('the boot id is stable within a boot', () => {
    expect(hostBootId()).toBe(hostBootId());
  });
});
