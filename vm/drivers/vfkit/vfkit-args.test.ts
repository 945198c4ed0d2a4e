import { describe, expect, it } from 'vitest';
import { vfkitArgs, vfkitCmdline, vmMac, type VfkitArgsInput } from './vfkit-args.js';

const base: VfkitArgsInput = {
  arch: 'arm64',
  cpus: 4,
  memoryMiB: 4096,
  kernel: '/img/Image',
  initrd: '/img/initrd.img',
  rootDisk: '/img/rootfs.img',
  dataDisk: '/vm/data.img',
  seedDisk: '/vm/seed.tar',
  mac: '5a:42:01:02:03:04',
  shares: [{ tag: 'berth0', hostPath: '/Users/me' }],
  engineVsockSocket: '/vm/engine-vsock.sock',
  engineVsockPort: 2376,
  restSocket: '/vm/vfkit.sock',
  consoleLog: '/vm/console.log',
  rosetta: false,
};

const golden = (extra: string[] = []) => [
  '--cpus', '4', '--memory', '4096',
  '--bootloader', 'linux,kernel=/img/Image,initrd=/img/initrd.img,cmdline="console=hvc0 apparmor=0 panic=-1 quiet loglevel=4"',
  '--device', 'virtio-blk,path=/img/rootfs.img',
  '--device', 'virtio-blk,path=/vm/data.img',
  '--device', 'virtio-blk,path=/vm/seed.tar',
  '--device', 'virtio-net,nat,mac=5a:42:01:02:03:04',
  '--device', 'virtio-rng',
  '--device', 'virtio-serial,logFilePath=/vm/console.log',
  '--device', 'virtio-vsock,port=2376,socketURL=/vm/engine-vsock.sock,connect',
  '--device', 'virtio-fs,sharedDir=/Users/me,mountTag=berth0',
  ...extra,
  '--restful-uri', 'unix:///vm/vfkit.sock',
];

describe('vfkitArgs (golden)', () => {
  it('arm64: kernel + initrd, three virtio-blk disks, NAT, vsock engine socket, virtio-fs home, REST on a unix socket', () => {
    expect(vfkitArgs(base)).toEqual(golden());
  });

  it('arm64 with Rosetta', () => {
    expect(vfkitArgs({ ...base, rosetta: true })).toEqual(golden(['--device', 'rosetta,mountTag=rosetta']));
  });

  it('Intel Mac: same devices, no Rosetta (refused with a reason)', () => {
    expect(vfkitArgs({ ...base, arch: 'x86_64' })).toEqual(golden());
    expect(() => vfkitArgs({ ...base, arch: 'x86_64', rosetta: true })).toThrow('Rosetta needs an Apple silicon Mac (arm64); this VM is x86_64.');
  });

  it('several shares, each its own tag; no shares at all', () => {
    const two = vfkitArgs({ ...base, shares: [...base.shares, { tag: 'berth1', hostPath: '/Volumes/Data Disk' }] });
    expect(two).toContain('virtio-fs,sharedDir=/Volumes/Data Disk,mountTag=berth1');
    expect(vfkitArgs({ ...base, shares: [] }).filter((a) => a.startsWith('virtio-fs'))).toEqual([]);
  });

  it('refuses what vfkit would misread', () => {
    expect(() => vfkitArgs({ ...base, shares: [{ tag: 'berth0', hostPath: '/Users/me/a,b' }] })).toThrow(/must not contain a comma/);
    expect(() => vfkitArgs({ ...base, mac: 'nope' })).toThrow('"nope" is not a MAC address like 52:54:00:12:34:56.');
  });

  it('kernel command line extras; a stable, locally administered MAC', () => {
    expect(vfkitCmdline({ extraCmdline: ['berth.debug'] })).toBe('console=hvc0 apparmor=0 panic=-1 quiet loglevel=4 berth.debug');
    expect(vmMac('berth')).toBe(vmMac('berth'));
    expect(vmMac('berth')).not.toBe(vmMac('other'));
    expect(vmMac('berth')).toMatch(/^5a:42:([0-9a-f]{2}:){3}[0-9a-f]{2}$/);
  });
});
