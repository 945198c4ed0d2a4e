import { guestAgent, guestExec, syncGuestClock, type GuestExecResult } from './guest-agent.js';

/**
 * What the QEMU driver asks of Berth's guest through qemu-guest-agent (guest-agent.ts is the protocol
 * client): mounting and unmounting the shared folders (the guest's `berth-shares`), freezing and thawing
 * the data disk around a save, setting the clock after a resume, the data disk's usage, and shutdown.
 * Failures the driver can live with are logged, not thrown.
 */

type Log = ((line: string) => void) | undefined;

/** Where the guest init mounts the data disk. */
const DATA_MOUNT = '/mnt/data';

/** Runs the guest's `berth-shares mount|umount`; the agent failing counts as a failed run. */
function berthShares(socket: string, action: 'mount' | 'umount', timeoutMs: number): Promise<GuestExecResult> {
  return guestExec(socket, '/usr/sbin/berth-shares', [action], timeoutMs).catch((e: Error) => ({ exitCode: -1, stdout: e.message, stderr: '' }));
}

/** Mounts the shared folders in the guest (after a resume: they were unmounted to save it). */
export async function mountShares(socket: string, log: Log): Promise<void> {
  const r = await berthShares(socket, 'mount', 60_000);
  if (r.exitCode !== 0) log?.(`shared folders: ${r.stdout.trim()} ${r.stderr.trim()}`);
}

/**
 * Unmounts the shared folders: QEMU cannot save a VM while a 9p share is mounted. A container's bind
 * mount keeps a share in use; then, or when unmounting fails otherwise, it returns why (for the user).
 */
export async function unmountShares(socket: string): Promise<string | undefined> {
  const r = await berthShares(socket, 'umount', 30_000);
  if (r.exitCode === 0) return undefined;
  const held = /^held (.*)$/m.exec(r.stdout)?.[1];
  return held
    ? `The VM cannot be saved while a container uses a shared folder (${held.trim()}): QEMU cannot save a VM with a 9p share in use. Stop that container first, or the VM stops instead and cold-boots next time.`
    : `The shared folders could not be unmounted to save the VM (${r.stdout.trim() || r.stderr.trim()}).`;
}

/** Flushes and freezes the data disk before a save, so even a state that is later lost leaves a clean disk. */
export async function freezeDataDisk(socket: string, log: Log): Promise<void> {
  await guestAgent(socket, 'guest-fsfreeze-freeze-list', { args: { mountpoints: [DATA_MOUNT] }, timeoutMs: 30_000 }).catch((e: Error) => log?.(`freeze: ${e.message}`));
}

/** Thaws the data disk frozen by `freezeDataDisk`; retried, since a just-resumed guest can be slow to answer. */
export async function thawDataDisk(socket: string, log: Log): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await guestAgent(socket, 'guest-fsfreeze-thaw', { timeoutMs: 20_000 });
      return;
    } catch (e) {
      log?.(`thaw (attempt ${attempt}): ${(e as Error).message}`);
    }
  }
}

/** Sets the guest's clock to the host's (after a resume it is behind by the time it was saved). */
export async function setGuestClock(socket: string, log: Log): Promise<void> {
  await syncGuestClock(socket).catch((e: Error) => log?.(`clock: ${e.message}`));
}

/** Asks the guest to shut down (→ /sbin/shutdown → init), without waiting: the caller watches QEMU end. */
export function requestGuestShutdown(socket: string, log: Log): void {
  void guestAgent(socket, 'guest-shutdown', { timeoutMs: 10_000 }).catch((e: Error) => log?.(`guest-shutdown: ${e.message}`));
}

/** The data disk's use as the guest sees it; undefined when the agent does not tell. */
export async function dataDiskUsage(socket: string): Promise<{ usedBytes: number; totalBytes: number } | undefined> {
  const fs = await guestAgent<{ mountpoint: string; 'used-bytes'?: number; 'total-bytes'?: number }[]>(socket, 'guest-get-fsinfo', { timeoutMs: 3000 }).catch(() => []);
  const data = fs.find((f) => f.mountpoint === DATA_MOUNT);
  return data?.['total-bytes'] ? { usedBytes: data['used-bytes'] ?? 0, totalBytes: data['total-bytes'] } : undefined;
}

const gib = (b: number) => (b / 1024 ** 3).toFixed(1);

/** What the VM's status says when its data disk is over 95 % full. */
export function diskFullMessage(disk: { usedBytes: number; totalBytes: number } | undefined): string | undefined {
  if (!disk || disk.usedBytes / disk.totalBytes <= 0.95) return undefined;
  return `The VM's data disk is full (${gib(disk.usedBytes)} of ${gib(disk.totalBytes)} GiB used): remove unused images, containers or volumes, or give the VM a bigger disk.`;
}
