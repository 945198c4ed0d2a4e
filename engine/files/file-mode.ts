import type { FileEntryKind } from '../../contract/models/container-files.js';

/** `ls -l` style mode strings from tar headers and from Go's os.FileMode (the engine's stat header). */

/** "rwxr-xr-x" for the permission bits (with setuid/setgid/sticky shown as s/S, s/S, t/T). */
export function permissionString(mode: number): string {
  const bit = (b: number) => (mode & b) !== 0;
  const triple = (r: number, w: number, x: number, special: boolean, specialChar: string) =>
    (bit(r) ? 'r' : '-') + (bit(w) ? 'w' : '-') + (special ? (bit(x) ? specialChar : specialChar.toUpperCase()) : bit(x) ? 'x' : '-');
  return (
    triple(0o400, 0o200, 0o100, bit(0o4000), 's') +
    triple(0o040, 0o020, 0o010, bit(0o2000), 's') +
    triple(0o004, 0o002, 0o001, bit(0o1000), 't')
  );
}

/** The type letter of `ls -l`. */
export type TypeChar = '-' | 'd' | 'l' | 'c' | 'b' | 'p' | 's';

export function kindOfTypeChar(c: TypeChar): FileEntryKind {
  return c === '-' ? 'file' : c === 'd' ? 'dir' : c === 'l' ? 'symlink' : 'other';
}

/** tar-stream's header.type → type letter. Hard links are shown as files. */
export function typeCharOfTar(type: string | null | undefined): TypeChar {
  switch (type) {
    case 'directory':
      return 'd';
    case 'symlink':
      return 'l';
    case 'character-device':
      return 'c';
    case 'block-device':
      return 'b';
    case 'fifo':
      return 'p';
    default:
      return '-';
  }
}

// Go's os.FileMode type bits (the engine's X-Docker-Container-Path-Stat mode).
const GO_DIR = 2 ** 31;
const GO_SYMLINK = 2 ** 27;
const GO_DEVICE = 2 ** 26;
const GO_PIPE = 2 ** 25;
const GO_SOCKET = 2 ** 24;
const GO_SETUID = 2 ** 23;
const GO_SETGID = 2 ** 22;
const GO_CHARDEV = 2 ** 21;
const GO_STICKY = 2 ** 20;

const has = (mode: number, bit: number) => Math.floor(mode / bit) % 2 === 1;

/** Type letter and unix permission bits (with 0o7000 specials) of a Go os.FileMode. */
export function fromGoMode(mode: number): { type: TypeChar; perm: number } {
  const type: TypeChar = has(mode, GO_DIR)
    ? 'd'
    : has(mode, GO_SYMLINK)
      ? 'l'
      : has(mode, GO_DEVICE)
        ? has(mode, GO_CHARDEV)
          ? 'c'
          : 'b'
        : has(mode, GO_PIPE)
          ? 'p'
          : has(mode, GO_SOCKET)
            ? 's'
            : '-';
  const perm = (mode % 0o1000) + (has(mode, GO_SETUID) ? 0o4000 : 0) + (has(mode, GO_SETGID) ? 0o2000 : 0) + (has(mode, GO_STICKY) ? 0o1000 : 0);
  return { type, perm };
}

export function modeString(type: TypeChar, perm: number): string {
  return type + permissionString(perm);
}
