import { BYTE_LIMITS } from './byte-frame.js';
import { ByteQueue } from './byte-queue.js';
import type { ByteDownload } from './define.js';
import { BerthError, toErrorShape } from './errors.js';
import type { ServerMessage } from './rpc-messages.js';

/** The dispatcher's side of downloads and uploads (contract/byte-frame.ts describes the protocol). */

export interface DownloadState {
  ctl: AbortController;
  ack(bytes: number): void;
}

export interface UploadState {
  push(data: Uint8Array): void;
  end(): void;
  cancel(): void;
}

/** The open downloads and uploads of one connection, by id. */
export interface ByteStreams {
  downloads: Map<number, DownloadState>;
  uploads: Map<number, UploadState>;
}

export interface ByteStreamContext {
  id: number;
  send(msg: ServerMessage): void;
  congested(): boolean;
  /** Aborted on cancel, when the connection goes away, and when the stream is over. */
  ctl: AbortController;
  release(): void;
  streams: ByteStreams;
  /** Validate the arguments and call the implementation. */
  run(body?: AsyncIterable<Uint8Array>): unknown;
}

/**
 * Serve a download: the head, then the body's bytes in frames of at most `frameBytes`, never more than
 * one window beyond the client's acknowledgement (and never while the transport is congested), then
 * `end`. The body is read only as the window allows, so a slow reader holds the engine back.
 */
export async function serveDownload(c: ByteStreamContext): Promise<void> {
  const { id, ctl } = c;
  const signal = ctl.signal;
  const { window, frameBytes } = BYTE_LIMITS;
  let sent = 0;
  let acked = 0;
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  c.streams.downloads.set(id, {
    ctl,
    ack(bytes) {
      // An acknowledgement of bytes never sent does not open the window further.
      acked = Math.max(acked, Math.min(bytes, sent));
      wakeUp();
    },
  });
  signal.addEventListener('abort', wakeUp, { once: true });
  let iterator: AsyncIterator<Uint8Array> | undefined;
  try {
    const { head, body } = (await c.run()) as ByteDownload<unknown>;
    iterator = body[Symbol.asyncIterator]();
    if (signal.aborted) return;
    c.send({ t: 'head', id, head });
    const aborted = new Promise<IteratorResult<Uint8Array>>((resolve) => signal.addEventListener('abort', () => resolve({ done: true, value: undefined }), { once: true }));
    for (;;) {
      const step = await Promise.race([iterator.next(), aborted]);
      if (step.done || signal.aborted) break;
      const chunk = step.value;
      for (let off = 0; off < chunk.length && !signal.aborted; off += frameBytes) {
        while (!signal.aborted && sent - acked >= window) await new Promise<void>((r) => (wake = r));
        while (!signal.aborted && c.congested()) await new Promise((r) => setTimeout(r, 1));
        if (signal.aborted) break;
        const piece = chunk.subarray(off, off + frameBytes);
        c.send({ t: 'bytes', id, data: piece });
        sent += piece.length;
      }
    }
    if (!signal.aborted) c.send({ t: 'end', id });
  } catch (err) {
    if (!signal.aborted) c.send({ t: 'end', id, error: toErrorShape(err) });
  } finally {
    c.streams.downloads.delete(id);
    c.release();
    // Over: whatever the implementation tied to the signal (an engine request) is freed.
    ctl.abort();
    void iterator?.return?.()?.catch(() => undefined);
  }
}

/**
 * Serve an upload: the implementation reads the bytes from a bounded queue that acknowledges what it
 * consumed; its result (or error) is the answer. A sender that goes past its window fails the upload.
 */
export async function serveUpload(c: ByteStreamContext): Promise<void> {
  const { id, ctl } = c;
  const queue = new ByteQueue({ window: BYTE_LIMITS.window, ackEvery: BYTE_LIMITS.ackEvery, ack: (bytes) => c.send({ t: 'ack', id, bytes }) });
  let cancelled = false;
  let violation: BerthError | undefined;
  c.streams.uploads.set(id, {
    push(data) {
      if (queue.push(data)) return;
      violation = new BerthError('TRANSPORT', `The upload went past its window of ${BYTE_LIMITS.window} bytes`);
      ctl.abort();
    },
    end: () => queue.end(),
    cancel() {
      cancelled = true;
      ctl.abort();
    },
  });
  ctl.signal.addEventListener('abort', () => queue.fail(violation ?? new BerthError('CANCELLED', 'The upload was cancelled')), { once: true });
  try {
    const value = await c.run(queue);
    if (violation) throw violation;
    if (!cancelled) c.send({ t: 'result', id, ok: true, value: value === undefined ? null : value });
  } catch (err) {
    if (!cancelled) c.send({ t: 'result', id, ok: false, error: toErrorShape(violation ?? err) });
  } finally {
    c.streams.uploads.delete(id);
    c.release();
    ctl.abort();
    queue.close();
  }
}
