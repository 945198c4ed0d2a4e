import { describe, expect, it } from 'vitest';
import { assertResources, checkResources, hostFacts, type HostFacts } from './resources.js';

const GiB = 1024 ** 3;
const host: HostFacts = { cpus: 4, memoryBytes: 16 * GiB, diskFreeBytes: 100 * GiB };
const current = { cpus: 2, memoryMiB: 2048, diskGiB: 64 };

describe('checkResources', () => {
  it('accepts sensible settings and lists what changes at the next start', () => {
    const r = checkResources({ cpus: 3, memoryMiB: 4096, diskGiB: 64 }, host, current);
    expect(r).toEqual({ ok: true, errors: {}, warnings: {}, changed: ['cpus', 'memoryMiB'] });
  });

  it('refuses more CPUs than the host has, and fractions', () => {
    expect(checkResources({ ...current, cpus: 8 }, host).errors.cpus).toBe('This computer has 4 CPUs; the VM cannot have 8.');
    expect(checkResources({ ...current, cpus: 1.5 }, host).errors.cpus).toMatch(/whole number of at least 1 \(got 1\.5\)/);
    expect(checkResources({ ...current, cpus: 0 }, host).ok).toBe(false);
  });

  it('warns when the VM takes every CPU', () => {
    const r = checkResources({ ...current, cpus: 4 }, host);
    expect(r.ok).toBe(true);
    expect(r.warnings.cpus).toMatch(/every CPU/);
  });

  it('refuses more memory than the host has, or too little for the engine; warns above three quarters', () => {
    expect(checkResources({ ...current, memoryMiB: 32768 }, host).errors.memoryMiB).toBe('This computer has 16 GiB of memory; the VM cannot have 32 GiB.');
    expect(checkResources({ ...current, memoryMiB: 512 }, host).errors.memoryMiB).toMatch(/at least 1024 MiB/);
    const big = checkResources({ ...current, memoryMiB: 14 * 1024 }, host);
    expect(big.ok).toBe(true);
    expect(big.warnings.memoryMiB).toMatch(/three quarters of this computer's 16 GiB/);
  });

  it('the disk never shrinks, and says how to start over', () => {
    const r = checkResources({ ...current, diskGiB: 32 }, host, current);
    expect(r.ok).toBe(false);
    expect(r.errors.diskGiB).toMatch(/^The disk is 64 GiB and cannot shrink/);
    expect(r.errors.diskGiB).toMatch(/reset the VM/);
    expect(checkResources({ ...current, diskGiB: 32 }, host).ok).toBe(true);
    expect(checkResources({ ...current, diskGiB: 4 }, host).errors.diskGiB).toMatch(/at least 8 GiB/);
  });

  it('warns when the growth does not fit in the host free space', () => {
    const r = checkResources({ ...current, diskGiB: 200 }, host, current);
    expect(r.ok).toBe(true);
    expect(r.warnings.diskGiB).toMatch(/only 100 GiB free/);
    expect(checkResources({ ...current, diskGiB: 150 }, host, current).warnings.diskGiB).toBeUndefined();
  });

  it('assertResources throws every error in one message', () => {
    expect(() => assertResources({ cpus: 9, memoryMiB: 99_999, diskGiB: 64 }, host)).toThrow(/4 CPUs.*16 GiB of memory/);
  });

  it('hostFacts reads this machine', () => {
    const h = hostFacts();
    expect(h.cpus).toBeGreaterThan(0);
    expect(h.memoryBytes).toBeGreaterThan(GiB / 4);
  });
});
