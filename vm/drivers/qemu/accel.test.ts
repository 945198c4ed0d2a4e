import { describe, expect, it } from 'vitest';
import { detectAccel } from './accel.js';

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
});
