import { describe, expect, it } from 'vitest';
import { guestMountArgv, qemu9pArgs, shareMountTable } from './share-mounts.js';

const shares = [{ hostPath: '/home/me' }, { hostPath: '/srv/My Data', readOnly: true, guestPath: '/data' }];

describe('share mounts', () => {
  it('the table the guest init reads', () => {
    expect(shareMountTable(shares, '9p')).toBe('berth0\t9p\t/home/me\trw\nberth1\t9p\t/data\tro\n');
    expect(shareMountTable([], 'virtiofs')).toBe('');
    expect(() => shareMountTable([{ hostPath: '/a\tb' }], '9p')).toThrow(/contains a tab or a newline/);
  });

  it('guest mount commands (golden)', () => {
    expect(guestMountArgv('berth0', '9p', '/home/me', false)).toEqual(['mount', '-t', '9p', '-o', 'trans=virtio,version=9p2000.L,msize=524288,cache=mmap', 'berth0', '/home/me']);
    expect(guestMountArgv('berth1', 'virtiofs', '/data', true)).toEqual(['mount', '-t', 'virtiofs', '-o', 'defaults,ro', 'berth1', '/data']);
  });

  it('QEMU 9p devices (golden)', () => {
    expect(qemu9pArgs(shares)).toEqual([
      '-fsdev', 'local,id=berth0,path=/home/me,security_model=none', '-device', 'virtio-9p-pci,fsdev=berth0,mount_tag=berth0',
      '-fsdev', 'local,id=berth1,path=/srv/My Data,security_model=none,readonly=on', '-device', 'virtio-9p-pci,fsdev=berth1,mount_tag=berth1',
    ]);
    expect(() => qemu9pArgs([{ hostPath: '/a,b' }])).toThrow(/must not contain a comma/);
  });
});
