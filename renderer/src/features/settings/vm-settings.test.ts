import { describe, expect, it } from 'vitest';
import { defaultSettings, type VmSettings } from '../../../../contract/domains/settings.js';
import { BerthError, type VmView } from '../../../../contract/index.js';
import { formatGiB, mayUse9p, mibToGiBText, resourceDrafts, resourcePatch, shareFsLabel, vmFieldErrors, vmFieldOf, vmSettingsPending } from './vm-settings.js';

const saved: VmSettings = { ...defaultSettings.vm, cpus: 4, memoryMiB: 4096, diskGiB: 80, shares: [{ hostPath: '/home/ada' }] };
const vmView = (o: Partial<VmView> = {}): VmView => ({ state: 'running', driver: 'qemu', cpus: 4, memoryMiB: 4096, diskGiB: 80, ...o });

describe('vmSettingsPending', () => {
  it('says nothing is pending, and offers no restart, when the VM is not the engine in use', () => {
    expect(vmSettingsPending(saved, undefined)).toEqual({ inUse: false, changed: [], canRestart: false });
  });

  it('offers no restart when the running VM already has the saved values', () => {
    expect(vmSettingsPending(saved, vmView())).toEqual({ inUse: true, changed: [], canRestart: false });
  });

  it('names each saved value the running VM lacks, and offers the restart', () => {
    expect(vmSettingsPending(saved, vmView({ cpus: 2, diskGiB: 64 }))).toEqual({ inUse: true, changed: ['cpus', 'diskGiB'], canRestart: true });
    expect(vmSettingsPending(saved, vmView({ memoryMiB: 2048 }))).toEqual({ inUse: true, changed: ['memoryMiB'], canRestart: true });
  });

  it('says the change waits for the next start of a VM that is not running, with no restart button', () => {
    for (const state of ['stopped', 'starting', 'stopping', 'suspending', 'error'] as const) {
      expect(vmSettingsPending(saved, vmView({ state, cpus: 2 }))).toEqual({ inUse: true, changed: ['cpus'], canRestart: false });
    }
  });

  it('has nothing pending for a VM not created yet (it will be made with the saved values)', () => {
    expect(vmSettingsPending(saved, vmView({ state: 'absent', cpus: 2 }))).toEqual({ inUse: true, changed: [], canRestart: false });
  });
});

describe('vmFieldErrors', () => {
  it('puts each issue the back end names beside its field', () => {
    const err = new BerthError('VALIDATION', 'Settings not saved: …', {
      issues: [
        { field: 'vm.cpus', message: 'This computer has 4 CPUs; the VM cannot have 5.' },
        { field: 'vm.memoryMiB', message: 'Too much.' },
        { field: 'vm.shares.1.hostPath', message: '/srv is already shared.' },
      ],
    });
    expect(vmFieldErrors(err)).toEqual({ cpus: 'This computer has 4 CPUs; the VM cannot have 5.', memoryMiB: 'Too much.', shares: '/srv is already shared.' });
  });

  it('reads the request schema’s paths (patch.vm.…) as well, and joins two issues of one field', () => {
    const err = new BerthError('VALIDATION', 'Invalid argument', { issues: [{ field: 'patch.vm.diskGiB', message: 'A.' }, { field: 'patch.vm.diskGiB', message: 'B.' }] });
    expect(vmFieldErrors(err)).toEqual({ diskGiB: 'A. B.' });
  });

  it('puts an error without fields atop the section, with its message', () => {
    expect(vmFieldErrors(new BerthError('INTERNAL', 'Could not save the settings to /x: EACCES'))).toEqual({ form: 'Could not save the settings to /x: EACCES' });
    expect(vmFieldErrors(new BerthError('VALIDATION', 'x', { issues: [{ field: 'theme', message: 'bad' }] }))).toEqual({ form: 'theme: bad' });
  });

  it('maps paths to fields', () => {
    expect(vmFieldOf('vm.portsAllInterfaces')).toBe('ports');
    expect(vmFieldOf('patch.vm.shares')).toBe('shares');
    expect(vmFieldOf('logBufferLines')).toBe('form');
  });
});

describe('resourcePatch', () => {
  it('turns the fields into a patch, memory from GiB to MiB', () => {
    expect(resourcePatch({ cpus: '2', memoryGiB: '6.5', diskGiB: '100' }, saved)).toEqual({ patch: { vm: { cpus: 2, memoryMiB: 6656, diskGiB: 100 } } });
  });

  it('keeps the saved MiB exactly when memory is left as shown', () => {
    const odd = { ...saved, memoryMiB: 3001 };
    const drafts = resourceDrafts(odd);
    expect(drafts).toEqual({ cpus: '4', memoryGiB: '2.93', diskGiB: '80' });
    expect(resourcePatch(drafts, odd)).toEqual({ patch: { vm: { cpus: 4, memoryMiB: 3001, diskGiB: 80 } } });
  });

  it('names each field that is not a number, or below its minimum, without asking the back end', () => {
    expect(resourcePatch({ cpus: '', memoryGiB: 'lots', diskGiB: '64' }, saved)).toEqual({
      errors: { cpus: 'Enter the number of CPUs.', memoryMiB: 'Enter the memory in GiB as a number.' },
    });
    // A negative number is a number: it is told its minimum, not "as a number".
    expect(resourcePatch({ cpus: '-1', memoryGiB: '-2', diskGiB: '-64' }, saved)).toEqual({
      errors: { cpus: 'Must be at least 1.', memoryMiB: 'Must be at least 1024 MiB (1 GiB).', diskGiB: 'Must be at least 8 GiB.' },
    });
    expect(resourcePatch({ cpus: '0', memoryGiB: '0.5', diskGiB: '4' }, saved)).toEqual({
      errors: { cpus: 'Must be at least 1.', memoryMiB: 'Must be at least 1024 MiB (1 GiB).', diskGiB: 'Must be at least 8 GiB.' },
    });
    expect(resourcePatch({ cpus: '1.5', memoryGiB: '2', diskGiB: '64' }, saved)).toEqual({ errors: { cpus: 'Must be a whole number of CPUs.' } });
  });
});

describe('file sharing and sizes in words', () => {
  it('says which file sharing the VM uses only once the engine status tells', () => {
    expect(shareFsLabel(undefined)).toBeUndefined();
    expect(shareFsLabel(vmView())).toBeUndefined();
    expect(shareFsLabel({ ...vmView(), shareFs: '9p' } as VmView)).toBe('Shared with 9p (QEMU)');
    expect(mayUse9p({ ...vmView(), shareFs: '9p' } as VmView)).toBe(true);
    expect(mayUse9p({ ...vmView(), shareFs: 'virtiofs' } as VmView)).toBe(false);
  });

  it('formats GiB', () => {
    expect(formatGiB(8192)).toBe('8 GiB');
    expect(formatGiB(15_900)).toBe('15.5 GiB');
    expect(mibToGiBText(1536)).toBe('1.5');
  });
});
