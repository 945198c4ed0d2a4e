import { posix } from 'node:path';
import type { VmDriverName, VmShare } from '../driver.js';
import { windowsToWslPath } from '../drivers/wsl/windows-path.js';

/** The setting a user changes when a bind mount is outside every share (named in messages). */
export const SHARES_SETTING = 'Settings › Virtual machine › Shared folders';

/** The default: the user's home, at the same path, writable. */
export function defaultShares(home: string): VmShare[] {
  return [{ hostPath: normalize(home) }];
}

const normalize = (p: string) => (p === '/' ? p : posix.normalize(p).replace(/\/+$/, ''));
const guestOf = (s: VmShare) => normalize(s.guestPath ?? s.hostPath);
const within = (path: string, root: string) => root === '/' || path === root || path.startsWith(`${root}/`);

/**
 * Adds a share, after checking it: an absolute path, not `/`, not already shared the same way (a
 * subfolder of a share is allowed only to make it read-only), and no two shares on one guest path.
 */
export function addShare(shares: VmShare[], share: VmShare): VmShare[] {
  const hostPath = share.hostPath.trim();
  if (!posix.isAbsolute(hostPath)) throw new Error(`"${share.hostPath}" is not an absolute path; choose a folder with its full path.`);
  // Before normalizing, which would resolve the ".." away (/srv/../etc would become /etc).
  if (hostPath.split('/').includes('..')) throw new Error(`"${share.hostPath}" contains "..": choose the folder itself.`);
  const path = normalize(hostPath);
  if (path === '/') throw new Error('The whole disk (/) cannot be shared with the VM; choose a folder.');
  const next: VmShare = { hostPath: path, ...(share.guestPath ? { guestPath: normalize(share.guestPath) } : {}), ...(share.readOnly ? { readOnly: true } : {}) };
  for (const s of shares) {
    if (normalize(s.hostPath) === path) throw new Error(`${path} is already shared.`);
    if (within(path, normalize(s.hostPath)) && !!s.readOnly === !!next.readOnly) {
      throw new Error(`${path} is already shared through ${normalize(s.hostPath)}${s.readOnly ? ' (read-only)' : ''}.`);
    }
    if (guestOf(s) === guestOf(next)) throw new Error(`Another share is already mounted at ${guestOf(next)} in the VM.`);
  }
  return [...shares, next];
}

export function removeShare(shares: VmShare[], hostPath: string): VmShare[] {
  const path = normalize(hostPath);
  const next = shares.filter((s) => normalize(s.hostPath) !== path);
  if (next.length === shares.length) throw new Error(`${path} is not shared, so it cannot be removed.`);
  return next;
}

/** A host path as the engine in the VM sees it, or why it cannot. */
export type BindMountCheck =
  | { ok: true; guestPath: string; readOnly: boolean; share?: VmShare }
  | { ok: false; message: string };

/**
 * Checks a bind mount's host path before the container is created. QEMU and vfkit: the path must be
 * inside a share (the most specific one wins) and maps to the share's guest path. WSL: Windows drives are
 * mounted in the distro, so the path is translated instead (`C:\…` → `/mnt/c/…`).
 */
export function checkBindMount(hostPath: string, shares: VmShare[], driver: VmDriverName): BindMountCheck {
  if (driver === 'wsl') {
    const t = windowsToWslPath(hostPath);
    return t.ok ? { ok: true, guestPath: t.path, readOnly: false } : { ok: false, message: t.message };
  }
  if (!posix.isAbsolute(hostPath)) return { ok: false, message: `"${hostPath}" is not an absolute path; bind mounts need the folder's full path.` };
  const path = normalize(hostPath);
  const share = [...shares].sort((a, b) => normalize(b.hostPath).length - normalize(a.hostPath).length).find((s) => within(path, normalize(s.hostPath)));
  if (!share) {
    const list = shares.length ? shares.map((s) => normalize(s.hostPath)).join(', ') : 'none';
    return {
      ok: false,
      message: `${path} is outside the folders shared with the VM (${list}), so the container would see an empty folder. Add it (or a parent folder) in ${SHARES_SETTING}; the change applies at the next VM start.`,
    };
  }
  const rest = path.slice(normalize(share.hostPath).length).replace(/^\//, '');
  return { ok: true, guestPath: rest ? posix.join(guestOf(share), rest) : guestOf(share), readOnly: !!share.readOnly, share };
}

/** 9p and virtio-fs mount tags for the shares, in order (a tag is at most 31 bytes for 9p: keep it short). */
export function shareTags(shares: VmShare[]): { tag: string; share: VmShare }[] {
  return shares.map((share, i) => ({ tag: `berth${i}`, share }));
}
