import { BYTE_LIMITS } from './byte-frame.js';
import type { DownloadHandlers, UploadHandlers } from './define.js';
import { BerthError, toErrorShape, type BerthErrorShape } from './errors.js';
import type { ClientTransport } from './rpc-client.js';

/** The client's side of downloads and uploads (contract/byte-frame.ts describes the protocol). */

export interface ByteLink {
  id: number;
  name: string;
  args: unknown;
  transport: ClientTransport;
  /** Whether the transport is open now (a byte stream cannot wait for a reconnect). */
  open: boolean;
  /** Remove this stream from the client's table. */
  forget(): void;
}

/** What the client routes to one open download or upload. */
export interface ByteClientState {
  start(): void;
  /** The caller disposed it: tell the back end, call nothing more. */
  cancel(): void;
  /** The transport was lost. */
  fail(err: BerthError): void;
  head(head: unknown): void;
  data(data: Uint8Array): void;
  ack(bytes: number): void;
  end(error?: BerthErrorShape): void;
  result(msg: { ok: true; value: unknown } | { ok: false; error: BerthErrorShape }): void;
}

const asBerthError = (err: unknown) => (err instanceof BerthError ? err : BerthError.from(toErrorShape(err)));

/** Shared by both directions: open, cancel, and exactly one final callback. */
function lifecycle(link: ByteLink) {
  const s = {
    done: false,
    send(msg: Parameters<ClientTransport['send']>[0]) {
      link.transport.send(msg);
    },
    finish(report: () => void) {
      if (s.done) return;
      s.done = true;
      link.forget();
      report();
    },
    start(onFail: (err: BerthError) => void) {
      if (!link.open) return queueMicrotask(() => s.finish(() => onFail(new BerthError('TRANSPORT', 'Not connected to the Berth back end'))));
      try {
        s.send({ t: 'open', id: link.id, name: link.name, args: link.args });
      } catch (err) {
        queueMicrotask(() => s.finish(() => onFail(new BerthError('TRANSPORT', `Could not send ${link.name}: ${String(err)}`))));
      }
    },
    cancel() {
      if (s.done) return;
      s.done = true;
      link.forget();
      try {
        s.send({ t: 'unsub', id: link.id });
      } catch {
        // The transport is gone: the back end drops the stream with the connection.
      }
    },
  };
  return s;
}

/** A download: hand each piece to the reader in order, acknowledging what it consumed. */
export function openDownload(link: ByteLink, h: DownloadHandlers<unknown>): ByteClientState {
  const s = lifecycle(link);
  const queue: Uint8Array[] = [];
  let draining = false;
  let consumed = 0;
  let acked = 0;
  let ending: { error?: BerthErrorShape } | undefined;
  const fail = (err: BerthError) => s.finish(() => h.error?.(err));

  const drain = async () => {
    if (draining) return;
    draining = true;
    try {
      while (queue.length && !s.done) {
        const chunk = queue.shift()!;
        const r = h.data(chunk);
        // A reader that returns a Promise is waited for: its bytes stay unacknowledged meanwhile.
        if (r && typeof (r as Promise<void>).then === 'function') await r;
        if (s.done) return;
        consumed += chunk.length;
        if (consumed - acked >= BYTE_LIMITS.ackEvery && !ending) {
          acked = consumed;
          s.send({ t: 'ack', id: link.id, bytes: consumed });
        }
      }
      const e = ending;
      if (e && !s.done) s.finish(() => (e.error ? h.error?.(BerthError.from(e.error)) : h.end()));
    } catch (err) {
      if (s.done) return;
      s.cancel();
      h.error?.(asBerthError(err));
    } finally {
      draining = false;
    }
  };

  return {
    start: () => s.start(fail),
    cancel: () => {
      queue.length = 0;
      s.cancel();
    },
    fail,
    head: (head) => {
      if (!s.done) h.start(head);
    },
    data: (data) => {
      if (s.done) return;
      queue.push(data);
      void drain();
    },
    ack: () => undefined,
    end: (error) => {
      ending = { error };
      void drain();
    },
    result: (msg) => fail(msg.ok ? new BerthError('TRANSPORT', 'A download was answered as a call') : BerthError.from(msg.error)),
  };
}

/** An upload: read from the source while the window has room, send, then wait for the result. */
export function openUpload(link: ByteLink, h: UploadHandlers<unknown>): ByteClientState {
  const s = lifecycle(link);
  const { window, frameBytes, readBytes } = BYTE_LIMITS;
  let sent = 0;
  let acked = 0;
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const fail = (err: BerthError) => {
    s.finish(() => h.error?.(err));
    wakeUp();
  };

  const pump = async () => {
    try {
      for (;;) {
        if (s.done) return;
        const room = window - (sent - acked);
        if (room <= 0) {
          await new Promise<void>((r) => (wake = r));
          continue;
        }
        const max = Math.min(room, readBytes);
        const piece = await h.read(max);
        if (s.done) return;
        if (!piece || piece.length === 0) return s.send({ t: 'eof', id: link.id });
        if (!(piece instanceof Uint8Array)) throw new BerthError('VALIDATION', 'An upload source must give its bytes as Uint8Array');
        if (piece.length > max) throw new BerthError('VALIDATION', `The upload source gave ${piece.length} bytes where at most ${max} were asked for`);
        for (let off = 0; off < piece.length; off += frameBytes) s.send({ t: 'bytes', id: link.id, data: piece.subarray(off, off + frameBytes) });
        sent += piece.length;
      }
    } catch (err) {
      if (s.done) return;
      s.cancel();
      h.error?.(asBerthError(err));
    }
  };

  return {
    start: () => {
      s.start(fail);
      if (link.open) void pump();
    },
    cancel: () => {
      s.cancel();
      wakeUp();
    },
    fail,
    head: () => undefined,
    data: () => undefined,
    ack: (bytes) => {
      if (s.done || bytes <= acked) return;
      acked = Math.min(bytes, sent);
      h.progress?.(acked);
      wakeUp();
    },
    end: (error) => fail(error ? BerthError.from(error) : new BerthError('TRANSPORT', 'An upload ended without a result')),
    result: (msg) => {
      s.finish(() => (msg.ok ? h.done(msg.value) : h.error?.(BerthError.from(msg.error))));
      wakeUp();
    },
  };
}
