import type { VmShare } from '../driver.js';
import { shareTags } from './shares.js';

export type ShareFs = '9p' | 'virtiofs';

/**
 * What the guest mounts, one share a line, tab-separated: `tag fs guestPath ro|rw`. Written to the seed
 * disk as `shares.tab` for the guest init to read (paths may hold spaces, not tabs or newlines).
 */
export function shareMountTable(shares: VmShare[], fs: ShareFs): string {
  return shareTags(shares)
    .map(({ tag, share }) => {
      const guest = share.guestPath ?? share.hostPath;
      if (/[\t\n]/.test(guest) || /[\t\n]/.test(share.hostPath)) throw new Error(`"${share.hostPath}" cannot be shared: its path contains a tab or a newline.`);
      return [tag, fs, guest, share.readOnly ? 'ro' : 'rw'].join('\t');
    })
    .map((l) => `${l}\n`)
    .join('');
}

/** The guest's mount command for one line of the table (what berth-init should run). */
export function guestMountArgv(tag: string, fs: ShareFs, guestPath: string, readOnly: boolean): string[] {
  const ro = readOnly ? ',ro' : '';
  // msize 512 KiB: 9p's default (8 KiB in older kernels) makes large reads crawl; cache=mmap keeps mmap working.
  const opts = fs === '9p' ? `trans=virtio,version=9p2000.L,msize=524288,cache=mmap${ro}` : `defaults${ro}`;
  return ['mount', '-t', fs, '-o', opts, tag, guestPath];
}

/**
 * QEMU's 9p devices for the shares (to append to qemuArgs). security_model=none: files are created as the
 * user running QEMU, so what a container writes belongs to the host user; `readonly=on` for read-only.
 */
export function qemu9pArgs(shares: VmShare[]): string[] {
  return shareTags(shares).flatMap(({ tag, share }) => {
    if (share.hostPath.includes(',')) throw new Error(`QEMU cannot share "${share.hostPath}": its options are comma-separated, so the path must not contain a comma.`);
    return ['-fsdev', `local,id=${tag},path=${share.hostPath},security_model=none${share.readOnly ? ',readonly=on' : ''}`, '-device', `virtio-9p-pci,fsdev=${tag},mount_tag=${tag}`];
  });
}
