import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallContext } from '../../contract/define.js';
import { BerthError } from '../../contract/errors.js';
import { SettingsStore } from '../settings/settings-store.js';
import { createSettingsService } from './settings-service.js';

const ctx = { signal: new AbortController().signal } as CallContext;
const service = () => {
  const store = new SettingsStore({ file: join(mkdtempSync(join(tmpdir(), 'berth-settings-svc-')), 'settings.json'), home: '/home/ada', host: () => ({ cpus: 6, memoryBytes: 12 * 1024 ** 3 + 5 }) });
  return createSettingsService(store, { choice: 'native', from: { kind: 'flag' } });
};

describe('settings service', () => {
  it('shows the computer’s limits for the VM settings, and the home folder shared by default', async () => {
    const view = await service().get({}, ctx);
    expect(view.vmHost).toEqual({ cpus: 6, memoryMiB: 12 * 1024, home: '/home/ada' });
    expect(view.settings.vm.shares).toEqual([{ hostPath: '/home/ada' }]);
  });

  it('returns the saved VM settings, and refuses a bad one with the field named in details', async () => {
    const s = service();
    expect((await s.update({ patch: { vm: { cpus: 6, portsAllInterfaces: true } } }, ctx)).settings.vm).toMatchObject({ cpus: 6, portsAllInterfaces: true });
    const err = await s.update({ patch: { vm: { cpus: 7 } } }, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).details).toEqual({ issues: [{ field: 'vm.cpus', message: 'This computer has 6 CPUs; the VM cannot have 7.' }] });
    expect((await s.get({}, ctx)).settings.vm.cpus).toBe(6);
  });

  it('says where the engine choice in effect came from', async () => {
    expect(await service().get({}, ctx)).toMatchObject({ engineInEffect: 'native', engineFrom: { kind: 'flag' } });
  });
});
