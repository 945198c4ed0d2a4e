import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import type { QemuAccel, QemuArch } from './qemu-args.js';

export interface AccelChoice {
  accel: QemuAccel;
  /** Plain words when Berth falls back to software emulation, for the log and the Engine page. */
  warning?: string;
}

/**
 * The probe's QEMU arguments: the accelerator with the CPU model the VM itself gets with it (`-cpu
 * host`, qemu-args.ts). A probe with QEMU's default CPU passed on a machine whose KVM then aborted the
 * real VM at once ("failed to set MSR 0x10a", `-cpu host`), and the start waited for a VM that was gone.
 */
export function probeArgs(arch: QemuArch, accel: QemuAccel): string[] {
  const cpu = accel === 'tcg' ? [] : ['-cpu', 'host'];
  return arch === 'x86_64'
    ? ['-accel', accel, ...cpu, '-machine', 'pc', '-nodefaults', '-no-user-config', '-display', 'none', '-m', '64M',
       '-chardev', 'stdio,id=dbg', '-device', 'isa-debugcon,iobase=0x402,chardev=dbg']
    : ['-accel', accel, '-machine', 'virt', '-cpu', 'host', '-nodefaults', '-no-user-config', '-display', 'none', '-m', '64M'];
}

/**
 * Runs QEMU briefly with `accel` and resolves true when it really executes guest code: on x86 the
 * firmware (SeaBIOS) prints on the debug port; elsewhere QEMU still runs after a second. Opening
 * /dev/kvm is not enough: kvm_pvm offers a /dev/kvm that cannot run an ordinary guest.
 */
export function probeAccel(binary: string, arch: QemuArch, accel: QemuAccel, timeoutMs = 5000): Promise<boolean> {
  const args = probeArgs(arch, accel);
  return new Promise((resolve) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(ok);
    };
    const timer = setTimeout(() => done(arch !== 'x86_64'), arch === 'x86_64' ? timeoutMs : 1000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('latin1');
      if (/SeaBIOS/.test(out)) done(true);
    });
    child.on('error', () => done(false));
    child.on('exit', () => done(false));
  });
}

/** Picks the fastest accelerator that works here, by trying it; TCG otherwise, with a warning. */
export async function detectAccel(
  binary: string,
  arch: QemuArch,
  platform: NodeJS.Platform = process.platform,
  probe: typeof probeAccel = probeAccel,
): Promise<AccelChoice> {
  let why: string;
  if (platform === 'darwin') {
    if (await probe(binary, arch, 'hvf')) return { accel: 'hvf' };
    why = 'the Hypervisor framework (hvf) did not start';
  } else if (platform === 'linux') {
    let kvmOpen = true;
    try {
      accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    } catch {
      kvmOpen = false;
    }
    if (kvmOpen && (await probe(binary, arch, 'kvm'))) return { accel: 'kvm' };
    why = kvmOpen ? '/dev/kvm is there but cannot run a guest (e.g. kvm_pvm, or nested virtualization is off)' : '/dev/kvm is missing or not accessible (is KVM enabled, and are you in the kvm group?)';
  } else {
    why = `no accelerator is supported on ${platform}`;
  }
  return {
    accel: 'tcg',
    warning: `No hardware acceleration: ${why}. The VM runs in software emulation (TCG) and will be slow: starting it can take a minute or more.`,
  };
}
