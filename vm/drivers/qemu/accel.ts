import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync, writeFileSync } from 'node:fs';
import { uptime } from 'node:os';
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

/** This host's boot: the probe's answer holds until the next one (a module loaded, a group joined, nested virtualization turned on all need it). */
export function hostBootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    // macOS, Windows: the boot time, to 10 s (a boundary crossed only costs a probe).
    return `boot-${Math.round((Date.now() / 1000 - uptime()) / 10)}`;
  }
}

/**
 * `detectAccel`, asked once per host boot and QEMU binary: the answer is kept in `cacheFile`. A probe can
 * take its whole timeout (5 s for a /dev/kvm that cannot run a guest, e.g. kvm_pvm; 1 s for HVF on Apple
 * silicon), and it was paid on every start, a resume included. `forget` after a start that failed.
 */
export async function cachedAccel(cacheFile: string, binary: string, detect: () => Promise<AccelChoice>, bootId: () => string = hostBootId): Promise<AccelChoice> {
  const key = `${bootId()} ${binary}`;
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { key?: string; choice?: AccelChoice };
    if (cached.key === key && cached.choice && typeof cached.choice.accel === 'string') return cached.choice;
  } catch {
    // none yet, or unreadable: probe
  }
  const choice = await detect();
  try {
    writeFileSync(cacheFile, JSON.stringify({ key, choice }), { mode: 0o600 });
  } catch {
    // the VM dir is not there yet: probed again next time
  }
  return choice;
}
