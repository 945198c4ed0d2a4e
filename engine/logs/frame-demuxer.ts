/** Which output a piece of a multiplexed log stream belongs to. */
export type StreamKind = 'stdout' | 'stderr';

export interface FramePiece {
  stream: StreamKind;
  data: Uint8Array;
}

const HEADER = 8;

/**
 * Push-based parser of the engine's multiplexed stream (non-TTY containers): each frame is an 8-byte
 * header `[stream, 0, 0, 0, size (uint32 big-endian)]` followed by `size` bytes. Headers and payloads may
 * be split anywhere across chunks. Payload bytes are handed on as soon as they arrive (a big frame is
 * never buffered whole), so memory stays bounded by the chunk size. Stream 0 (stdin) counts as stdout.
 */
export class FrameDemuxer {
  private readonly header = new Uint8Array(HEADER);
  private headerFill = 0;
  private remaining = 0;
  private stream: StreamKind = 'stdout';

  push(chunk: Uint8Array): FramePiece[] {
    const out: FramePiece[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - pos);
        out.push({ stream: this.stream, data: chunk.subarray(pos, pos + take) });
        this.remaining -= take;
        pos += take;
        continue;
      }
      const take = Math.min(HEADER - this.headerFill, chunk.length - pos);
      this.header.set(chunk.subarray(pos, pos + take), this.headerFill);
      this.headerFill += take;
      pos += take;
      if (this.headerFill < HEADER) break;
      this.headerFill = 0;
      this.stream = this.header[0] === 2 ? 'stderr' : 'stdout';
      this.remaining = ((this.header[4]! << 24) >>> 0) + (this.header[5]! << 16) + (this.header[6]! << 8) + this.header[7]!;
    }
    return out;
  }

  /** True when the input ended in the middle of a frame (the engine cut it short). */
  get incomplete(): boolean {
    return this.headerFill > 0 || this.remaining > 0;
  }
}
