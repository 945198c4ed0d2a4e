/**
 * Bytes read and not handed on yet, kept as the chunks they came in (no copy) until a piece of a
 * chosen size is taken: an upload's request arrives in chunks of ≤ 64 KiB and goes on in whole
 * frames (see serveUploadOverHttp).
 */
export class ByteQueue {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;

  /** How many bytes wait. */
  get size(): number {
    return this.bytes;
  }

  push(chunk: Buffer): void {
    if (!chunk.length) return;
    this.chunks.push(chunk);
    this.bytes += chunk.length;
  }

  /** The first `n` bytes (at most `size`) as one buffer: a view when one chunk holds them, else a copy. */
  take(n: number): Buffer {
    n = Math.min(n, this.bytes);
    const first = this.chunks[0];
    if (!first || n <= 0) return Buffer.alloc(0);
    const out = first.length >= n ? first.subarray(0, n) : Buffer.concat(this.chunks, n);
    this.bytes -= n;
    for (let left = n; left > 0; ) {
      const chunk = this.chunks[0]!;
      if (chunk.length > left) {
        this.chunks[0] = chunk.subarray(left);
        break;
      }
      this.chunks.shift();
      left -= chunk.length;
    }
    return out;
  }

  clear(): void {
    this.chunks.length = 0;
    this.bytes = 0;
  }
}
