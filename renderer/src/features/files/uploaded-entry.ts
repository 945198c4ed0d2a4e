import type { DirListing, FileEntry } from '../../../../contract/models/container-files.js';

/**
 * The listing with a file just uploaded into it, from the upload's own result: its row shows as soon
 * as the back end says the file is written, instead of after the folder is listed again (the listing
 * reads the folder's archive, every file's bytes included: ~450 ms with a 32 MiB file in it). The
 * listing that follows replaces this row with the engine's own view (owner, exact mtime). A file of
 * that name is replaced (an upload over it); other entries are kept as they are.
 *
 * The mode is the one the back end writes an upload with (engine/files/upload-tar.ts: 0644).
 */
export function withUploadedEntry(listing: DirListing, name: string, size: number, now: number): DirListing {
  const entry: FileEntry = { name, kind: 'file', size, mode: '-rw-r--r--', mtime: now };
  const at = listing.entries.findIndex((e) => e.name === name);
  const entries = at < 0 ? [...listing.entries, entry] : listing.entries.map((e, i) => (i === at ? entry : e));
  return { ...listing, entries };
}
