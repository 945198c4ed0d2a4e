import { describe, expect, it } from 'vitest';
import { formatElapsed, providerLabel, stepViews, vmActionsFor, vmFields } from './vm-selectors.js';

describe('vm selectors', () => {
  it('formats step times the way people read them', () => {
    expect(formatElapsed(undefined)).toBe('');
    expect(formatElapsed(850)).toBe('850 ms');
    expect(formatElapsed(4230)).toBe('4.2 s');
    expect(formatElapsed(125_000)).toBe('2 min 5 s');
  });

  it('shows each start step with its time', () => {
    const steps = stepViews({
      state: 'starting',
      managed: true,
      steps: [
        { label: 'Starting the VM', state: 'done', elapsedMs: 1200 },
        { label: 'Waiting for dockerd', state: 'active', elapsedMs: 300 },
      ],
    });
    expect(steps).toEqual([
      { label: 'Starting the VM', state: 'done', elapsed: '1.2 s' },
      { label: 'Waiting for dockerd', state: 'active', elapsed: '300 ms' },
    ]);
    expect(stepViews(undefined)).toEqual([]);
  });

  it('names providers and VM resources', () => {
    expect(providerLabel('vm')).toBe('dockerd in Berth’s Linux VM');
    const fields = vmFields({ state: 'running', driver: 'qemu', accel: 'tcg', cpus: 2, memoryMiB: 2048, diskGiB: 64 });
    expect(fields.find((f) => f.label === 'Hypervisor')?.value).toBe('qemu (tcg)');
    expect(fields.find((f) => f.label === 'Memory')?.value).toBe('2 GiB');
    expect(fields.find((f) => f.label === 'Data disk')?.value).toBe('64 GiB');
    expect(fields.find((f) => f.label === 'Shared folders')).toBeUndefined();
    const shared = vmFields({ state: 'running', driver: 'qemu', cpus: 2, memoryMiB: 2048, diskGiB: 64, shares: [{ hostPath: '/home/me' }, { hostPath: '/srv', readOnly: true }], shareFs: '9p' });
    expect(shared.find((f) => f.label === 'Shared folders')?.value).toBe('/home/me, /srv (read-only) · 9p');
  });

  it('offers only the actions that fit the state', () => {
    expect(vmActionsFor('running')).toEqual(['stop', 'restart', 'reset']);
    expect(vmActionsFor('stopped')).toContain('start');
    expect(vmActionsFor('starting')).toEqual([]);
  });
});
