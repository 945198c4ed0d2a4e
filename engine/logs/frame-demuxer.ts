/** Which output a piece of a multiplexed log stream belongs to. */
export type StreamKind = 'stdout' | 'stderr';

export interface FramePiece {
  stream: StreamKind;
  data: Uint8Array;
}

const HEADER = 8;
/** Payloads up to this size are copied byte by byte (cheaper than a subarray + set per frame). */
const SMALL_COPY = 64;

/**
 * Push-based parser of the engine's multiplexed stream (non-TTY containers): each frame is an 8-byte
 * header `[stream, 0, 0, 0, size (uint32 big-endian)]` followed by `size` bytes. Headers and payloads may
 * be split anywhere across chunks. Payload bytes are handed on as soon as they arrive (a big frame is
 * never buffered whole), so memory stays bounded by the chunk size. Stream 0 (stdin) counts as stdout.
 *
 * The engine sends each log line as its own frame, so a chunk usually holds many tiny frames: the
 * payloads of consecutive frames of one stream come out as ONE piece (copied together, headers left
 * out), so the caller decodes and splits a few large pieces instead of one per line.
 */
export class FrameDemuxer {
  private readonly header = new Uint8Array(HEADER);
  private headerFill = 0;
  private remaining = 0;
  private stream: StreamKind = 'stdout';

  push(chunk: Uint8Array): FramePiece[] {
    const out: FramePiece[] = [];
    // Payload bytes of this chunk are at most chunk.length: one buffer holds every merged run.
    let merged: Uint8Array | undefined;
    let runStart = 0;
    let runEnd = 0;
    let runStream: StreamKind | undefined;
    const close = () => {
      if (runStream !== undefined && runEnd > runStart) out.push({ stream: runStream, data: merged!.subarray(runStart, runEnd) });
      runStart = runEnd;
      runStream = undefined;
    };
    let pos = 0;
    const n = chunk.length;
    while (pos < n) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, n - pos);
        if (runStream !== this.stream) {
          close();
          runStream = this.stream;
        }
        merged ??= new Uint8Array(n);
        if (take <= SMALL_COPY) for (let i = 0; i < take; i++) merged[runEnd + i] = chunk[pos + i]!;
        else merged.set(chunk.subarray(pos, pos + take), runEnd);
        runEnd += take;
        this.remaining -= take;
        pos += take;
        continue;
      }
      if (this.headerFill === 0 && n - pos >= HEADER) {
        // Fast path: a whole header in this chunk.
        this.stream = chunk[pos] === 2 ? 'stderr' : 'stdout';
        this.remaining = ((chunk[pos + 4]! << 24) >>> 0) + (chunk[pos + 5]! << 16) + (chunk[pos + 6]! << 8) + chunk[pos + 7]!;
        pos += HEADER;
        continue;
      }
      const take = Math.min(HEADER - this.headerFill, n - pos);
      this.header.set(chunk.subarray(pos, pos + take), this.headerFill);
      this.headerFill += take;
      pos += take;
      if (this.headerFill < HEADER) break;
      this.headerFill = 0;
      this.stream = this.header[0] === 2 ? 'stderr' : 'stdout';
      this.remaining = ((this.header[4]! << 24) >>> 0) + (this.header[5]! << 16) + (this.header[6]! << 8) + this.header[7]!;
    }
    close();
    return out;
  }

  /** True when the input ended in the middle of a frame (the engine cut it short). */
  get incomplete(): boolean {
    return this.headerFill > 0 || this.remaining > 0;
  }
}
