import { describe, expect, it } from 'vitest';
import { ctx, docker } from '../testing/int-helpers.js';
import { useVolumesTestbed } from '../testing/volumes-testbed.js';

const bed = useVolumesTestbed('volcreate');
const { prefix } = bed;
const v = () => bed.backend.impl.volumes;
/** The service's create (called behind the contract's schema, so the engine's own checks are reached). */
const create = (name: string, driver: string, options: Record<string, string>) =>
  v()
    .create({ name, driver, options, labels: {} }, ctx())
    .then(
      () => undefined,
      (e: unknown) => e,
    );
const gone = async (name: string) => expect(await docker('volume', 'ls', '-q', '--filter', `name=${name}`)).toBe('');

describe('creating a volume: what the engine refuses, in words', () => {
  it('refuses a driver the engine lacks at once (the engine alone looks for 15 s), listing the drivers it has', async () => {
    const name = `${prefix}nodriver`;
    const started = Date.now();
    const err = await create(name, 'berth-no-such-driver', {});
    expect(Date.now() - started).toBeLessThan(3000);
    const drivers = JSON.parse(await docker('info', '--format', '{{json .Plugins.Volume}}')) as string[];
    expect(drivers).toContain('local');
    expect(err).toMatchObject({
      code: 'VALIDATION',
      message: `This engine has no volume driver named "berth-no-such-driver". Its volume drivers: ${drivers.sort().join(', ')}. Install the driver’s plugin first (docker plugin install), or use one of those`,
      details: { reason: 'volume-driver-unknown', driver: 'berth-no-such-driver', drivers },
    });
    await gone(name);
  }, 30_000);

  it('says which local option is missing and what it is for: type=nfs without device', async () => {
    const name = `${prefix}nfs`;
    // The engine: `missing required option: "device"`.
    expect(await create(name, 'local', { type: 'nfs', o: 'addr=127.0.0.1' })).toMatchObject({
      code: 'VALIDATION',
      message: 'Driver option missing: with type=nfs, o, the local driver also needs device (what to mount: the host folder for type=none, ":/exported/path" for nfs, "tmpfs" for tmpfs)',
      details: { reason: 'volume-option-missing', driver: 'local', missing: ['device'] },
    });
    await gone(name);
  }, 30_000);

  it('names both type and device when only o is given (the engine names one of them)', async () => {
    const name = `${prefix}onlyo`;
    expect(await create(name, 'local', { o: 'bind' })).toMatchObject({
      code: 'VALIDATION',
      message:
        'Driver options missing: with o, the local driver also needs type (the file system to mount: none (with o=bind, for a host folder), nfs, cifs, tmpfs…); and device (what to mount: the host folder for type=none, ":/exported/path" for nfs, "tmpfs" for tmpfs)',
      details: { reason: 'volume-option-missing', missing: ['type', 'device'] },
    });
    await gone(name);
  }, 30_000);

  it('says so for a device without a type, an option the local driver does not take, and a size it cannot keep', async () => {
    // The schema refuses the first two before the service; the engine's own refusals, reached here, read the same way.
    expect(await create(`${prefix}notype`, 'local', { device: '/tmp' })).toMatchObject({ details: { reason: 'volume-option-missing', missing: ['type'] } });
    expect(await create(`${prefix}foo`, 'local', { foo: 'bar' })).toMatchObject({
      code: 'VALIDATION',
      message:
        'The local driver has no option "foo": it takes type (the file system to mount: none (with o=bind, for a host folder), nfs, cifs, tmpfs…), device (what to mount: the host folder for type=none, ":/exported/path" for nfs, "tmpfs" for tmpfs) and o (mount options)',
      details: { reason: 'volume-option-unknown', option: 'foo' },
    });
    // This engine's data root has no project quotas (the engine: "quota size requested but no quota support").
    expect(await create(`${prefix}size`, 'local', { type: 'tmpfs', device: 'tmpfs', size: '10m' })).toMatchObject({ details: { reason: 'volume-size-unsupported', option: 'size' } });
    await gone(`${prefix}notype`);
  }, 30_000);
});
