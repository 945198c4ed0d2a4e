import { describe, expect, it } from 'vitest';
import { kernelCmdline, machineKey, qemuArgs, qemuBinary, type QemuArgsInput } from './qemu-args.js';

const base: QemuArgsInput = {
  arch: 'x86_64',
  accel: 'tcg',
  cpus: 2,
  memoryMiB: 2048,
  kernel: '/img/vmlinuz',
  initrd: '/img/initrd.img',
  rootDisk: '/img/rootfs.img',
  dataDisk: '/vm/data.img',
  seedDisk: '/vm/seed.tar',
  engineHostPort: 40123,
  qmpSocket: '/vm/qmp.sock',
  guestAgentSocket: '/vm/qga.sock',
  consoleLog: '/vm/console.log',
  pidFile: '/vm/qemu.pid',
};

const common = (console: string, accel: string[], machine: string, port = 40123) => [
  '-name', 'berth', '-machine', machine, ...accel, '-smp', '2', '-m', '2048M',
  '-nodefaults', '-no-user-config', '-display', 'none', '-no-reboot',
  '-kernel', '/img/vmlinuz', '-initrd', '/img/initrd.img',
  '-append', `console=${console} apparmor=0 panic=-1 quiet loglevel=4 mitigations=off${console === 'ttyS0' ? ' acpi=noirq' : ''}`,
  '-chardev', 'file,id=console,path=/vm/console.log', '-serial', 'chardev:console',
  '-drive', 'if=none,id=root,file=/img/rootfs.img,format=raw,readonly=on', '-device', 'virtio-blk-pci,drive=root',
  '-drive', 'if=none,id=data,file=/vm/data.img,format=raw,discard=unmap,detect-zeroes=unmap,cache=writeback', '-device', 'virtio-blk-pci,drive=data',
  '-drive', 'if=none,id=seed,file=/vm/seed.tar,format=raw,readonly=on', '-device', 'virtio-blk-pci,drive=seed',
  '-netdev', `user,id=net0,hostfwd=tcp:127.0.0.1:${port}-:2376`, '-device', 'virtio-net-pci,netdev=net0',
  '-device', 'virtio-rng-pci',
  '-device', 'virtio-serial-pci,id=vser',
  '-chardev', 'socket,id=qga,path=/vm/qga.sock,server=on,wait=off',
  '-device', 'virtserialport,bus=vser.0,chardev=qga,name=org.qemu.guest_agent.0',
  '-qmp', 'unix:/vm/qmp.sock,server=on,wait=off',
  '-pidfile', '/vm/qemu.pid',
];

describe('qemuArgs (golden)', () => {
  it('Linux TCG: software emulation on all host threads, a bounded translation cache', () => {
    expect(qemuArgs({ ...base, tcgTbSizeMiB: 256 })).toEqual(
      common('ttyS0', ['-accel', 'tcg,thread=single,tb-size=256', '-cpu', 'Nehalem'], 'pc'),
    );
  });

  it('Linux KVM: the host CPU', () => {
    expect(qemuArgs({ ...base, accel: 'kvm' })).toEqual(common('ttyS0', ['-accel', 'kvm', '-cpu', 'host'], 'pc'));
  });

  it('macOS HVF on Intel', () => {
    expect(qemuArgs({ ...base, accel: 'hvf' })).toEqual(common('ttyS0', ['-accel', 'hvf', '-cpu', 'host'], 'pc'));
  });

  it('aarch64: virt machine, PL011 console; HVF keeps to 36-bit addresses', () => {
    expect(qemuArgs({ ...base, arch: 'aarch64', accel: 'hvf' })).toEqual(
      common('ttyAMA0', ['-accel', 'hvf', '-cpu', 'host'], 'virt,highmem=off'),
    );
    expect(qemuArgs({ ...base, arch: 'aarch64', accel: 'tcg' })).toEqual(
      common('ttyAMA0', ['-accel', 'tcg,thread=single', '-cpu', 'max'], 'virt,gic-version=max'),
    );
    expect(qemuBinary('aarch64')).toBe('qemu-system-aarch64');
  });

  it('resume adds -incoming from a command; the machine key ignores host-side details', () => {
    const resumed = qemuArgs({ ...base, incoming: 'zstd -dc /vm/state.zst', engineHostPort: 5555 });
    expect(resumed.slice(-2)).toEqual(['-incoming', 'exec:zstd -dc /vm/state.zst']);
    expect(machineKey({ ...base, incoming: 'x', engineHostPort: 5555 })).toBe(machineKey(base));
    expect(machineKey({ ...base, memoryMiB: 4096 })).not.toBe(machineKey(base));
    expect(machineKey({ ...base, kernel: '/other/vmlinuz' })).not.toBe(machineKey(base));
  });

  it('shared folders: one virtio-9p device each, read-only where asked; they are part of the machine key', () => {
    const shares = [{ hostPath: '/home/me' }, { hostPath: '/srv/data', readOnly: true }];
    const args = qemuArgs({ ...base, shares });
    const at = args.indexOf('-fsdev');
    expect(args.slice(at, at + 8)).toEqual([
      '-fsdev', 'local,id=berth0,path=/home/me,security_model=none', '-device', 'virtio-9p-pci,fsdev=berth0,mount_tag=berth0',
      '-fsdev', 'local,id=berth1,path=/srv/data,security_model=none,readonly=on', '-device', 'virtio-9p-pci,fsdev=berth1,mount_tag=berth1',
    ]);
    // A saved state with other shares is stale: the VM cold-boots with the new ones.
    expect(machineKey({ ...base, shares })).not.toBe(machineKey(base));
  });

  it('a firmware of choice follows the accelerator', () => {
    const args = qemuArgs({ ...base, firmware: '/usr/share/qemu/qboot.rom' });
    expect(args.slice(args.indexOf('-bios'), args.indexOf('-bios') + 3)).toEqual(['-bios', '/usr/share/qemu/qboot.rom', '-smp']);
  });

  it('extra kernel words follow the defaults', () => {
    expect(kernelCmdline({ arch: 'x86_64', extraCmdline: ['tsc=reliable'] })).toBe(
      'console=ttyS0 apparmor=0 panic=-1 quiet loglevel=4 mitigations=off acpi=noirq tsc=reliable',
    );
  });
});
