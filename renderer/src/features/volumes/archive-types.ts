/**
 * The archives a volume import reads: a tar, plain or compressed with gzip, bzip2 or xz. The engine
 * decompresses these three itself when it unpacks (checked on 20.10: .tar.bz2 and .tar.xz unpack
 * as a .tar.gz does), so the file picker, the field's label and the name taken from a file agree
 * with what the back end accepts.
 */
export const ARCHIVE_SUFFIXES = ['.tar', '.tar.gz', '.tgz', '.tar.bz2', '.tbz2', '.tbz', '.tar.xz', '.txz'] as const;

/**
 * The file input's `accept`: single extensions (a file chooser matches "x.tar.gz" by ".gz"), then
 * the media types browsers give these files.
 */
export const ARCHIVE_ACCEPT = [
  '.tar',
  '.gz',
  '.tgz',
  '.bz2',
  '.tbz2',
  '.tbz',
  '.xz',
  '.txz',
  'application/x-tar',
  'application/gzip',
  'application/x-gzip',
  'application/x-bzip2',
  'application/x-xz',
].join(',');

/** How the forms name the accepted archives. */
export const ARCHIVE_KINDS = '.tar, .tar.gz, .tar.bz2, .tar.xz';

/** `fileName` without its archive suffix, or undefined when it has none of ARCHIVE_SUFFIXES. */
export function archiveBaseName(fileName: string): string | undefined {
  const lower = fileName.toLowerCase();
  // Longest first: "x.tar.gz" loses ".tar.gz", not only ".tar" (which it does not end with anyway).
  const suffix = [...ARCHIVE_SUFFIXES].sort((a, b) => b.length - a.length).find((s) => lower.endsWith(s));
  return suffix ? fileName.slice(0, -suffix.length) : undefined;
}
