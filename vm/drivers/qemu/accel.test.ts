import { describe, expect, it } from 'vitest';
import { detectAccel, probeArgs } from './accel.js';

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

