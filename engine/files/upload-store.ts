import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../../contract/errors.js';

export interface UploadSpec {
  connectionId: string;
  containerId: string;
  /** Directory in the container the file goes to. */
  dir: string;
  name: string;
  size: number;
}

export interface FinishedUpload extends UploadSpec {
  /** Temporary file holding the assembled bytes; the caller removes it with `discard`. */
  file: string;
}

interface Upload extends UploadSpec {
  id: string;
  file: string;
  handle: FileHandle;
  nextIndex: number;
  /** Bytes of the chunks accepted (some may still be being written). */
  accepted: number;
  /** Bytes on disk. */
  received: number;
  /** The last write: the next one starts after it. */
  tail: Promise<void>;
  failed?: BerthError;
  timer: ReturnType<typeof setTimeout>;
}

export interface UploadStoreOptions {
  /** Where temporary files go (created when needed). */
  tempDir: string;
  maxChunkBytes: number;
  /** Most uploads open at once on one connection. */
  maxPerConnection?: number;
  /** An upload with no activity for this long is dropped. */
  idleMs?: number;
}

const notFound = () => new BerthError('NOT_FOUND', 'No such upload (it finished, was cancelled, timed out, or belongs to another connection)');

/**
 * Chunked uploads assembled in temporary files, scoped to a connection. Chunks must come in order,
 * each at most `maxChunkBytes`, never past the announced size. Dropped on cancel, on idle timeout, and
 * when the connection goes away.
 */
export class UploadStore {
  private readonly uploads = new Map<string, Upload>();
  private readonly maxPerConnection: number;
  private readonly idleMs: number;

  constructor(private readonly options: UploadStoreOptions) {
    this.maxPerConnection = options.maxPerConnection ?? 8;
    this.idleMs = options.idleMs ?? 2 * 60_000;
  }

  get size(): number {
    return this.uploads.size;
  }

  async begin(spec: UploadSpec): Promise<string> {
    const open_ = [...this.uploads.values()].filter((u) => u.connectionId === spec.connectionId).length;
    if (open_ >= this.maxPerConnection) throw new BerthError('CONFLICT', `Too many uploads at once (at most ${this.maxPerConnection}); wait for one to finish`);
    await mkdir(this.options.tempDir, { recursive: true, mode: 0o700 });
    const id = randomBytes(16).toString('hex');
    const file = join(this.options.tempDir, `upload-${id}`);
    const handle = await open(file, 'wx', 0o600);
    const upload: Upload = { ...spec, id, file, handle, nextIndex: 0, accepted: 0, received: 0, tail: Promise.resolve(), timer: this.idleTimer(id) };
    this.uploads.set(id, upload);
    return id;
  }

  /**
   * Accept chunk `index`. Order and size are checked at once, when the call arrives (calls arrive in
   * the order sent), so a client may pipeline a few chunks; the writes themselves run one after the
   * other. Resolves once this chunk is on disk.
   */
  chunk(connectionId: string, id: string, index: number, data: Buffer): Promise<{ received: number; size: number }> {
    let u: Upload;
    try {
      u = this.get(connectionId, id);
      if (u.failed) throw u.failed;
      if (index !== u.nextIndex) throw new BerthError('VALIDATION', `Chunk ${index} arrived out of order: expected chunk ${u.nextIndex}`, { expected: u.nextIndex });
      if (data.length > this.options.maxChunkBytes) throw new BerthError('VALIDATION', `Chunk ${index} is ${data.length} bytes; at most ${this.options.maxChunkBytes} are allowed`);
      if (data.length === 0) throw new BerthError('VALIDATION', `Chunk ${index} is empty`);
      if (u.accepted + data.length > u.size) {
        throw new BerthError('VALIDATION', `Chunk ${index} goes past the announced size of ${u.size} bytes (${u.accepted + data.length} bytes received)`);
      }
    } catch (err) {
      return Promise.reject(err);
    }
    const upload = u;
    const offset = upload.accepted;
    upload.accepted += data.length;
    upload.nextIndex++;
    clearTimeout(upload.timer);
    upload.timer = this.idleTimer(id);
    const write = upload.tail.then(async () => {
      if (upload.failed) throw upload.failed;
      try {
        await upload.handle.write(data, 0, data.length, offset);
      } catch (err) {
        upload.failed = new BerthError('INTERNAL', `Could not store the uploaded data: ${(err as Error).message}`);
        throw upload.failed;
      }
      upload.received += data.length;
      return { received: upload.received, size: upload.size };
    });
    upload.tail = write.then(
      () => undefined,
      () => undefined,
    );
    return write;
  }

  /** All bytes are in: hand over the file (the upload leaves the store; `discard` it when done). */
  async finish(connectionId: string, id: string): Promise<FinishedUpload> {
    const u = this.get(connectionId, id);
    await u.tail;
    if (u.failed) throw u.failed;
    if (this.uploads.get(id) !== u) throw notFound();
    if (u.received !== u.size) throw new BerthError('VALIDATION', `The upload is incomplete: ${u.received} of ${u.size} bytes received`);
    this.uploads.delete(id);
    clearTimeout(u.timer);
    await u.handle.close();
    const { connectionId: c, containerId, dir, name, size, file } = u;
    return { connectionId: c, containerId, dir, name, size, file };
  }

  async cancel(connectionId: string, id: string): Promise<void> {
    await this.drop(this.get(connectionId, id));
  }

  /** The connection went away: drop its uploads. */
  async dropConnection(connectionId: string): Promise<void> {
    await Promise.all([...this.uploads.values()].filter((u) => u.connectionId === connectionId).map((u) => this.drop(u)));
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.uploads.values()].map((u) => this.drop(u)));
  }

  async discard(file: string): Promise<void> {
    await rm(file, { force: true });
  }

  private get(connectionId: string, id: string): Upload {
    const u = this.uploads.get(id);
    if (!u || u.connectionId !== connectionId) throw notFound();
    return u;
  }

  private async drop(u: Upload): Promise<void> {
    if (this.uploads.get(u.id) !== u) return;
    this.uploads.delete(u.id);
    clearTimeout(u.timer);
    await u.tail;
    await u.handle.close().catch(() => undefined);
    await rm(u.file, { force: true });
  }

  private idleTimer(id: string): ReturnType<typeof setTimeout> {
    const t = setTimeout(() => {
      const u = this.uploads.get(id);
      if (u) void this.drop(u);
    }, this.idleMs);
    t.unref?.();
    return t;
  }
}
