import { cpus, totalmem } from 'node:os';
import type { VmResources } from './driver.js';

/** What the host has; injected in tests. */
export interface HostFacts {
  cpus: number;
  memoryBytes: number;
  /** Free space where the data disk lives, when known. */
  diskFreeBytes?: number;
}

export function hostFacts(): HostFacts {
  return { cpus: cpus().length, memoryBytes: totalmem() };
}

export interface ResourceCheck {
  ok: boolean;
  /** Per field, in words; any error means the settings are refused. */
  errors: Partial<Record<keyof VmResources, string>>;
  /** Allowed, but worth saying. */
  warnings: Partial<Record<keyof VmResources, string>>;
  /** What differs from the current settings: these apply at the next start of the VM. */
  changed: (keyof VmResources)[];
}

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
/** dockerd, containerd and the guest kernel need about this much before any container runs. */
export const MIN_MEMORY_MIB = 1024;
/** The guest's data disk holds images, containers and volumes; below this, pulling one image may fill it. */
export const MIN_DISK_GIB = 8;

const whole = (n: number) => Number.isInteger(n);

/**
 * Validates CPUs, memory and disk size against the host and the current VM. `current` is the running
 * configuration (its disk the data disk's real size): the disk never shrinks.
 */
export function checkResources(want: VmResources, host: HostFacts, current?: VmResources): ResourceCheck {
  const errors: ResourceCheck['errors'] = {};
  const warnings: ResourceCheck['warnings'] = {};
  const hostMiB = Math.floor(host.memoryBytes / MiB);

  if (!whole(want.cpus) || want.cpus < 1) errors.cpus = `CPUs must be a whole number of at least 1 (got ${want.cpus}).`;
  else if (want.cpus > host.cpus) errors.cpus = `This computer has ${host.cpus} CPU${host.cpus === 1 ? '' : 's'}; the VM cannot have ${want.cpus}.`;
  else if (want.cpus === host.cpus && host.cpus > 1) warnings.cpus = 'Giving the VM every CPU can make the rest of the computer sluggish while containers are busy.';

  if (!whole(want.memoryMiB) || want.memoryMiB < MIN_MEMORY_MIB) {
    errors.memoryMiB = `Memory must be at least ${MIN_MEMORY_MIB} MiB (1 GiB) for the engine to run (got ${want.memoryMiB} MiB).`;
  } else if (want.memoryMiB > hostMiB) {
    errors.memoryMiB = `This computer has ${fmtGiB(host.memoryBytes)} of memory; the VM cannot have ${fmtGiB(want.memoryMiB * MiB)}.`;
  } else if (want.memoryMiB > hostMiB * 0.75) {
    warnings.memoryMiB = `${fmtGiB(want.memoryMiB * MiB)} is more than three quarters of this computer's ${fmtGiB(host.memoryBytes)}; other apps may slow down or be swapped out.`;
  }

  if (!whole(want.diskGiB) || want.diskGiB < MIN_DISK_GIB) {
    errors.diskGiB = `The disk must be a whole number of at least ${MIN_DISK_GIB} GiB (got ${want.diskGiB}).`;
  } else if (current && want.diskGiB < current.diskGiB) {
    errors.diskGiB = `The disk is ${current.diskGiB} GiB and cannot shrink (the guest filesystem can only grow). Keep ${current.diskGiB} GiB or more, or reset the VM to start over with a smaller disk, which deletes every image, container and volume.`;
  } else if (host.diskFreeBytes !== undefined && (want.diskGiB - (current?.diskGiB ?? 0)) * GiB > host.diskFreeBytes) {
    warnings.diskGiB = `The disk file grows as it fills; this computer has only ${fmtGiB(host.diskFreeBytes)} free, so the VM may run out of space before reaching ${want.diskGiB} GiB.`;
  }

  const changed = current ? (['cpus', 'memoryMiB', 'diskGiB'] as const).filter((k) => want[k] !== current[k]) : [];
  return { ok: Object.keys(errors).length === 0, errors, warnings, changed };
}

/** The errors joined into one message, for an API that throws. */
export function assertResources(want: VmResources, host: HostFacts, current?: VmResources): void {
  const r = checkResources(want, host, current);
  if (!r.ok) throw new Error(Object.values(r.errors).join(' '));
}

function fmtGiB(bytes: number): string {
  const g = bytes / GiB;
  return `${Number.isInteger(g) ? g : g.toFixed(1)} GiB`;
}
