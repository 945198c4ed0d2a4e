import { describe, expect, it } from 'vitest';
import { clientIssues, containerPortPatch, publishSpecPatch, draftField, draftFromPrefill, emptyMount, emptyPort, emptyTmpfs, emptyVolume, errorsByField, isDraftDirty, specInput } from './draft.js';
import { describeFailure } from './run-errors.js';

describe('run dialog draft', () => {
  it('prefills the image, exposed ports as port rows (random host port) and volumes as volume rows', () => {
    const d = draftFromPrefill({ image: 'nginx:1.27', exposedPorts: ['80/tcp', '53/udp', 'junk'], volumes: ['/data', 'relative'] });
    expect(d.image).toBe('nginx:1.27');
    expect(d.ports.map((p) => [p.containerPort, p.protocol, p.hostPort])).toEqual([
      ['80', 'tcp', ''],
      ['53', 'udp', ''],
    ]);
    expect(d.volumes.map((v) => [v.target, v.name])).toEqual([['/data', '']]);
    expect(new Set([...d.ports, ...d.volumes].map((r) => r.key)).size).toBe(3);
    expect(d.nextKey).toBe(3);
    expect(draftFromPrefill(null).image).toBe('');
  });

  it('turns the draft into the contract input, dropping empty rows and blank lines', () => {
    const d = { ...draftFromPrefill({ image: 'nginx' }), env: 'A=1\n\nB=2\r\n', labels: 'x=y', ports: [emptyPort(5), { ...emptyPort(6, '80'), hostPort: '8080' }], mounts: [emptyMount(7)] };
    expect(specInput(d)).toMatchObject({
      image: 'nginx',
      env: ['A=1', 'B=2'],
      labels: ['x=y'],
      ports: [{ hostIp: '', hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
      mounts: [],
      restart: { policy: 'no', maxRetries: '' },
    });
  });

  it('is dirty once it would run something else than it opened with; empty rows and blank lines do not count', () => {
    const initial = draftFromPrefill({ image: 'nginx', exposedPorts: ['80/tcp'] });
    expect(isDraftDirty(initial, initial)).toBe(false);
    expect(isDraftDirty(draftFromPrefill({ image: 'nginx', exposedPorts: ['80/tcp'] }), initial)).toBe(false);
    // Nothing typed: an added row left empty, blank lines, a row key moved on.
    expect(isDraftDirty({ ...initial, env: '\n \n', mounts: [emptyMount(7)], volumes: [emptyVolume(8)], nextKey: 9 }, initial)).toBe(false);
    expect(isDraftDirty({ ...initial, ports: initial.ports.map((p) => ({ ...p, key: 42 })) }, initial)).toBe(false);
    // Something typed, picked or removed.
    expect(isDraftDirty({ ...initial, name: 'web' }, initial)).toBe(true);
    expect(isDraftDirty({ ...initial, image: 'nginx:1.27' }, initial)).toBe(true);
    expect(isDraftDirty({ ...initial, env: 'A=1' }, initial)).toBe(true);
    expect(isDraftDirty({ ...initial, restart: 'always' }, initial)).toBe(true);
    expect(isDraftDirty({ ...initial, autoRemove: true }, initial)).toBe(true);
    expect(isDraftDirty({ ...initial, ports: [] }, initial)).toBe(true);
    expect(isDraftDirty({ ...initial, ports: [{ ...initial.ports[0]!, hostPort: '8080' }] }, initial)).toBe(true);
    expect(isDraftDirty({ ...initial, mounts: [{ ...emptyMount(7), source: '/srv' }] }, initial)).toBe(true);
  });

  it('a container port pasted as 53/udp fills the port and picks the protocol', () => {
    expect(containerPortPatch('53/udp')).toEqual({ containerPort: '53', protocol: 'udp' });
    expect(containerPortPatch('80/TCP')).toEqual({ containerPort: '80', protocol: 'tcp' });
    expect(containerPortPatch('80/')).toEqual({ containerPort: '80/' });
    expect(containerPortPatch('8')).toEqual({ containerPort: '8' });
  });

  it('a whole docker run -p value in a port field fills the row, as docker run reads it', () => {
    expect(publishSpecPatch('8080:80')).toEqual({ hostPort: '8080', containerPort: '80', protocol: 'tcp' });
    expect(publishSpecPatch(' 8080:80/UDP ')).toEqual({ hostPort: '8080', containerPort: '80', protocol: 'udp' });
    expect(publishSpecPatch('127.0.0.1:8080:80/tcp')).toEqual({ hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80', protocol: 'tcp' });
    expect(publishSpecPatch('127.0.0.1::53/udp')).toEqual({ hostIp: '127.0.0.1', hostPort: '', containerPort: '53', protocol: 'udp' });
    expect(publishSpecPatch('[::1]:8080:80')).toEqual({ hostIp: '::1', hostPort: '8080', containerPort: '80', protocol: 'tcp' });
    // Not a -p value: left as typed, for the field's own check to word.
    for (const text of ['8080', '8080:', ':80', '8080-8081', '-8081:80', 'a:b', '80/udp', '1.2.3:80:80']) expect(publishSpecPatch(text)).toBeUndefined();
    // The fields it fills then pass the shared checks.
    const d = { ...draftFromPrefill({ image: 'nginx' }), ports: [{ ...emptyPort(1), ...publishSpecPatch('127.0.0.1:47856:80/udp') }] };
    expect(clientIssues(d)).toEqual([]);
    expect(specInput(d).ports).toEqual([{ hostIp: '127.0.0.1', hostPort: '47856', containerPort: '80', protocol: 'udp' }]);
  });

  it('port ranges as docker run takes them fill the row, pass the checks, and a mismatch says why', () => {
    expect(publishSpecPatch('8080-8081:80-81')).toEqual({ hostPort: '8080-8081', containerPort: '80-81', protocol: 'tcp' });
    expect(publishSpecPatch('127.0.0.1:8080-8081:80-81')).toEqual({ hostIp: '127.0.0.1', hostPort: '8080-8081', containerPort: '80-81', protocol: 'tcp' });
    expect(publishSpecPatch('8080-8081:80-81/udp')).toEqual({ hostPort: '8080-8081', containerPort: '80-81', protocol: 'udp' });
    expect(publishSpecPatch('127.0.0.1::80-81')).toEqual({ hostIp: '127.0.0.1', hostPort: '', containerPort: '80-81', protocol: 'tcp' });
    expect(containerPortPatch('80-81/udp')).toEqual({ containerPort: '80-81', protocol: 'udp' });
    const row = (text: string) => ({ ...draftFromPrefill({ image: 'nginx' }), ports: [{ ...emptyPort(4), ...publishSpecPatch(text) }] });
    expect(clientIssues(row('127.0.0.1:8080-8081:80-81/udp'))).toEqual([]);
    const d = row('8080-8082:80-81');
    expect(errorsByField(d, clientIssues(d))).toEqual({ 'ports.4.hostPort': 'Host port range 8080-8082 (3 ports) and container port range 80-81 (2 ports) must be the same length' });
  });

  it('host network with published ports: one clear message on the network field', () => {
    const d = { ...draftFromPrefill({ image: 'nginx' }), network: 'host', ports: [{ ...emptyPort(3, '80'), hostPort: '47855' }] };
    expect(errorsByField(d, clientIssues(d))).toEqual({
      network: 'Published ports do not apply with the host network: the container uses this computer’s ports directly. Remove the ports or pick another network.',
    });
  });

  it('maps spec fields (indexes into kept rows) to the row keys the dialog shows them on', () => {
    const d = { ...draftFromPrefill({ image: 'Foo' }), ports: [emptyPort(10), { ...emptyPort(11, '80'), hostPort: '99999' }], memory: '1x', env: 'NOPE' };
    expect(draftField(d, 'ports.0.hostPort')).toBe('ports.11.hostPort');
    expect(draftField(d, 'env.0')).toBe('env');
    expect(draftField(d, 'restart.policy')).toBe('restart');
    expect(draftField(d, 'restart.maxRetries')).toBe('maxRetries');
    const errors = errorsByField(d, clientIssues(d));
    expect(errors).toEqual({
      image: 'Invalid image reference "Foo": repository names must be lowercase',
      env: 'Environment variable "NOPE" must be KEY=VALUE',
      'ports.11.hostPort': 'Host port must be a number from 1 to 65535 (got "99999")',
      memory: 'Memory limit must be like 512m or 2g, at least 6m (got "1x")',
    });
  });

  it('sends tmpfs rows (empty ones dropped) and shows a bad size on its row', () => {
    const d = { ...draftFromPrefill({ image: 'nginx' }), tmpfs: [emptyTmpfs(4), { ...emptyTmpfs(5), target: '/run', size: 'huge' }] };
    expect(specInput(d).tmpfs).toEqual([{ target: '/run', size: 'huge' }]);
    expect(errorsByField(d, clientIssues(d))).toEqual({ 'tmpfs.5.size': 'Tmpfs size must be like 64m or 1g, more than 0 (got "huge")' });
    expect(isDraftDirty({ ...d, tmpfs: [emptyTmpfs(4)] }, draftFromPrefill({ image: 'nginx' }))).toBe(false);
    expect(isDraftDirty(d, draftFromPrefill({ image: 'nginx' }))).toBe(true);
  });

  it('shows back-end failures readably, with their field issues', () => {
    const f = describeFailure({ code: 'VALIDATION', message: 'A container named web already exists', details: { issues: [{ field: 'name', message: 'A container named web already exists' }, { junk: 1 }] } });
    expect(f).toEqual({ message: 'A container named web already exists', issues: [{ field: 'name', message: 'A container named web already exists' }] });
    expect(describeFailure(undefined).message).toBe('Something went wrong; the engine gave no reason');
  });

  it('keeps the reason code of a back-end issue (the dialog acts on it, not on the message) and drops unknown ones', () => {
    const issues = [
      { field: 'image', message: 'Image foo:1.0 is not present locally — pull it first', reason: 'image-missing' },
      { field: 'name', message: 'taken', reason: 'made-up' },
    ];
    expect(describeFailure({ code: 'VALIDATION', message: 'x', details: { issues } }).issues).toEqual([
      { field: 'image', message: 'Image foo:1.0 is not present locally — pull it first', reason: 'image-missing' },
      { field: 'name', message: 'taken' },
    ]);
  });
});
