/** Wire shapes of the container file browser (browse, download, upload, diff). */

export type FileEntryKind = 'file' | 'dir' | 'symlink' | 'other';

/** One entry of a directory inside a container. */
export interface FileEntry {
  name: string;
  kind: FileEntryKind;
  /** Bytes (0 for directories and symlinks). */
  size: number;
  /** `ls -l` style, e.g. "drwxr-xr-x", "lrwxrwxrwx", "-rw-r--r--". */
  mode: string;
  /** Last modification, ms since the epoch. */
  mtime: number;
  /** Where a symlink points (as stored in the link), for symlinks only. */
  linkTarget?: string;
}

/** The content of one directory. */
export interface DirListing {
  /** The normalised absolute path that was asked for. */
  path: string;
  /** Where it resolved to when it was a symlink to a directory (same as path otherwise). */
  resolvedPath: string;
  /** Sorted: directories first, then by name. */
  entries: FileEntry[];
  /** True when the listing was cut short (too many entries or too much data); entries holds what was read. */
  truncated: boolean;
}

/** What a download announces before its bytes. */
export interface DownloadHead {
  /** Name to save as: the file's own name, or `<dir>.tar` for a directory. */
  fileName: string;
  kind: 'file' | 'dir';
  /** Bytes that will follow for a file; null for a directory (a tar of unknown length). */
  size: number | null;
}

export interface UploadDone {
  /** Absolute path of the file written in the container. */
  path: string;
  size: number;
}

export type FileChangeKind = 'added' | 'changed' | 'deleted';

/** One line of `docker diff`: what changed in the container against its image. */
export interface FileChange {
  path: string;
  kind: FileChangeKind;
}
