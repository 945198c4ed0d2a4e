import { createWriteStream, openSync, renameSync, statSync, type WriteStream } from 'node:fs';

/**
 * An append-only log file with one rotation: past `maxBytes` it is renamed to `<path>.1` (replacing
 * the previous one) and a new file is started, so the engine's log never fills the disk. POSIX only
 * (renames a file that is still open), like the embedded engine itself.
 */
export class RotatingLogFile {
  private stream: WriteStream;
  private bytes: number;

  constructor(
    readonly path: string,
    private readonly maxBytes = 5 * 1024 * 1024,
  ) {
    this.bytes = sizeOf(path);
    if (this.bytes >= maxBytes) this.rotate();
    this.stream = this.open();
  }

  write(line: string): void {
    const data = `${line}\n`;
    this.bytes += Buffer.byteLength(data);
    this.stream.write(data);
    if (this.bytes >= this.maxBytes) {
      this.stream.end();
      this.rotate();
      this.stream = this.open();
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }

  private open(): WriteStream {
    // Opened synchronously: the file exists at once, and after a rename the old stream's pending
    // writes still land in the renamed file (same inode).
    const s = createWriteStream(this.path, { fd: openSync(this.path, 'a', 0o600) });
    s.on('error', () => undefined); // a full disk must not crash Berth; the in-memory tail still works
    return s;
  }

  private rotate(): void {
    try {
      renameSync(this.path, `${this.path}.1`);
    } catch {
      // nothing to rotate
    }
    this.bytes = 0;
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
