import type { CallContext, ContractShape, Def, Implementation } from './define.js';
import { BerthError, toErrorShape, validationError } from './errors.js';
import { clientMessage, type ServerMessage } from './rpc-messages.js';
import { serveDownload, serveUpload, type ByteStreamContext, type ByteStreams } from './rpc-byte-streams.js';

/** The back-end side of the RPC: one dispatcher serves Electron IPC and the browser-mode WebSocket alike. */

function lookup(contract: ContractShape, name: string): Def | undefined {
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const domain = Object.hasOwn(contract, name.slice(0, dot)) ? contract[name.slice(0, dot)] : undefined;
  const key = name.slice(dot + 1);
  return domain && Object.hasOwn(domain, key) ? domain[key] : undefined;
}

type Handler = (a: unknown, c: CallContext, body?: AsyncIterable<Uint8Array>) => unknown;

function handlerOf(impl: Record<string, Record<string, unknown>>, name: string): Handler | undefined {
  const dot = name.indexOf('.');
  const domain = impl[name.slice(0, dot)];
  const fn = domain?.[name.slice(dot + 1)];
  return typeof fn === 'function' ? (fn.bind(domain) as Handler) : undefined;
}

export interface DispatcherOptions {
  /** How long events are coalesced before a batch is sent (ms). */
  batchMs?: number;
  /** A batch is sent at once when it reaches this many events. */
  maxBatch?: number;
  /** Most downloads and uploads open at once on one connection (each holds at most one window). */
  maxByteStreams?: number;
}

export interface Connection {
  /** Feed one message that arrived from the client (already decoded). */
  handle(raw: unknown): void;
  /** The client went away: abort its calls and dispose its streams, downloads and uploads. */
  close(): void;
}

export interface ConnectionSink {
  send(msg: ServerMessage): void;
  /** True while the transport's outgoing buffer is full; streams wait until it drains. */
  congested?(): boolean;
}

export interface Dispatcher {
  connect(sink: ConnectionSink, connectionId: string): Connection;
}

export function createDispatcher<C extends ContractShape>(contract: C, impl: Implementation<C>, options: DispatcherOptions = {}): Dispatcher {
  const batchMs = options.batchMs ?? 16;
  const maxBatch = options.maxBatch ?? 2000;
  const maxByteStreams = options.maxByteStreams ?? 16;
  const implRec = impl as unknown as Record<string, Record<string, unknown>>;

  return {
    connect(sink, connectionId) {
      const life = new AbortController();
      const streams = new Map<number, AbortController>();
      const bytes: ByteStreams = { downloads: new Map(), uploads: new Map() };
      let closed = false;
      const send = (msg: ServerMessage) => {
        if (!closed) sink.send(msg);
      };

      const validate = (def: Def, args: unknown): unknown => {
        const parsed = def.args.safeParse(args ?? {});
        if (!parsed.success) throw validationError(parsed.error.issues);
        return parsed.data;
      };

      /** A controller per call or stream, aborted with the connection; `release` when done. */
      const child = () => {
        const ctl = new AbortController();
        const onLife = () => ctl.abort();
        life.signal.addEventListener('abort', onLife, { once: true });
        return { ctl, release: () => life.signal.removeEventListener('abort', onLife) };
      };

      const call = async (id: number, name: string, args: unknown) => {
        // A signal per call: libraries that listen on it then hold nothing once the call is over,
        // instead of piling listeners on the connection's signal.
        const { ctl, release } = child();
        try {
          const def = lookup(contract, name);
          const fn = handlerOf(implRec, name);
          if (!def || def.kind !== 'method' || !fn) throw new BerthError('UNKNOWN_METHOD', `Unknown method "${name}"`);
          const value = await fn(validate(def, args), { connectionId, signal: ctl.signal });
          send({ t: 'result', id, ok: true, value: value === undefined ? null : value });
        } catch (err) {
          send({ t: 'result', id, ok: false, error: toErrorShape(err) });
        } finally {
          release();
        }
      };

      const subscribe = async (id: number, name: string, args: unknown) => {
        const { ctl, release } = child();
        streams.get(id)?.abort();
        streams.set(id, ctl);
        let batch: unknown[] = [];
        let timer: ReturnType<typeof setTimeout> | undefined;
        let lastSent = 0;
        const flush = () => {
          if (timer) clearTimeout(timer);
          timer = undefined;
          if (batch.length && !ctl.signal.aborted) {
            send({ t: 'events', id, events: batch });
            lastSent = Date.now();
          }
          batch = [];
        };
        let iterator: AsyncIterator<unknown> | undefined;
        try {
          const def = lookup(contract, name);
          const fn = handlerOf(implRec, name);
          if (!def || def.kind !== 'stream' || !fn) throw new BerthError('UNKNOWN_METHOD', `Unknown stream "${name}"`);
          const iterable = fn(validate(def, args), { connectionId, signal: ctl.signal }) as AsyncIterable<unknown>;
          iterator = iterable[Symbol.asyncIterator]();
          const aborted = new Promise<IteratorResult<unknown>>((resolve) =>
            ctl.signal.addEventListener('abort', () => resolve({ done: true, value: undefined }), { once: true }),
          );
          for (;;) {
            // Back-pressure: while the transport's buffer is full (after a size or a timer flush),
            // pull nothing more from the source, so memory stays bounded end to end.
            while (sink.congested?.() && !ctl.signal.aborted) await new Promise((r) => setTimeout(r, 1));
            const step = await Promise.race([iterator.next(), aborted]);
            if (step.done || ctl.signal.aborted) break;
            batch.push(step.value);
            if (batch.length >= maxBatch) {
              flush();
              // Yield to the event loop (the congestion check above then waits if needed).
              await new Promise((r) => setTimeout(r, 0));
            } else if (!timer) {
              // Leading edge: after a quiet spell an event goes out on the next tick (low latency);
              // under a steady flow, at most one batch per batchMs (few, large messages).
              timer = setTimeout(flush, Math.max(0, batchMs - (Date.now() - lastSent)));
            }
          }
          flush();
          if (!ctl.signal.aborted) send({ t: 'end', id });
        } catch (err) {
          flush();
          if (!ctl.signal.aborted) send({ t: 'end', id, error: toErrorShape(err) });
        } finally {
          if (timer) clearTimeout(timer);
          release();
          if (streams.get(id) === ctl) streams.delete(id);
          // Tell the source we are done (closes sockets, kills log followers).
          void iterator?.return?.(undefined)?.catch(() => undefined);
        }
      };

      const open = (id: number, name: string, args: unknown) => {
        const def = lookup(contract, name);
        const fn = handlerOf(implRec, name);
        const kind = def?.kind;
        const refuse = (err: BerthError) =>
          send(kind === 'download' ? { t: 'end', id, error: err.toJSON() } : { t: 'result', id, ok: false, error: err.toJSON() });
        if (!def || !fn || (kind !== 'download' && kind !== 'upload')) return refuse(new BerthError('UNKNOWN_METHOD', `Unknown download or upload "${name}"`));
        if (bytes.downloads.size + bytes.uploads.size >= maxByteStreams) {
          return refuse(new BerthError('CONFLICT', `Too many transfers at once on this connection (at most ${maxByteStreams}); wait for one to finish`));
        }
        const { ctl, release } = child();
        const ctx: ByteStreamContext = {
          id,
          send,
          congested: () => sink.congested?.() ?? false,
          ctl,
          release,
          streams: bytes,
          run: (body) => fn(validate(def, args), { connectionId, signal: ctl.signal }, body),
        };
        void (kind === 'download' ? serveDownload(ctx) : serveUpload(ctx));
      };

      return {
        handle(raw) {
          // An upload's bytes, the one message that comes by the thousand (one per socket read of the
          // request): checked by hand as the schema checks it, without building a parse result for each.
          if (isBytesMessage(raw)) return void bytes.uploads.get(raw.id)?.push(raw.data);
          const parsed = clientMessage.safeParse(raw);
          if (!parsed.success) {
            const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
            send({ t: 'result', id, ok: false, error: validationError(parsed.error.issues).toJSON() });
            return;
          }
          const msg = parsed.data;
          switch (msg.t) {
            case 'call':
              return void call(msg.id, msg.name, msg.args);
            case 'sub':
              return void subscribe(msg.id, msg.name, msg.args);
            case 'open':
              return open(msg.id, msg.name, msg.args);
            case 'bytes':
              return bytes.uploads.get(msg.id)?.push(msg.data);
            case 'eof':
              return bytes.uploads.get(msg.id)?.end();
            case 'ack':
              return bytes.downloads.get(msg.id)?.ack(msg.bytes);
            case 'unsub':
              streams.get(msg.id)?.abort();
              streams.delete(msg.id);
              bytes.downloads.get(msg.id)?.ctl.abort();
              bytes.uploads.get(msg.id)?.cancel();
          }
        },
        close() {
          closed = true;
          life.abort();
          streams.clear();
          // Every download and upload was aborted with `life`: their sources and queues are freed.
        },
      };
    },
  };
}

/** What `clientMessage` accepts as a `bytes` message: a non-negative integer id and a Uint8Array. */
function isBytesMessage(raw: unknown): raw is { t: 'bytes'; id: number; data: Uint8Array } {
  if (typeof raw !== 'object' || raw === null) return false;
  const m = raw as { t?: unknown; id?: unknown; data?: unknown };
  return m.t === 'bytes' && Number.isSafeInteger(m.id) && (m.id as number) >= 0 && m.data instanceof Uint8Array;
}
