import { z } from 'zod';
import type { CallContext, Client, ContractShape, Def, Disposable, Implementation, StreamHandlers } from './define.js';
import { BerthError, berthErrorShape, toErrorShape, validationError, type BerthErrorShape } from './errors.js';

/**
 * Transport-agnostic RPC derived from the contract. The same dispatcher serves Electron IPC and the
 * browser-mode WebSocket; the same client runs in the preload and in the browser.
 */

export const clientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: z.number().int().nonnegative(), name: z.string().max(200), args: z.unknown() }),
  z.object({ t: z.literal('sub'), id: z.number().int().nonnegative(), name: z.string().max(200), args: z.unknown() }),
  z.object({ t: z.literal('unsub'), id: z.number().int().nonnegative() }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

export type ServerMessage =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: BerthErrorShape }
  | { t: 'events'; id: number; events: unknown[] }
  | { t: 'end'; id: number; error?: BerthErrorShape };

const serverMessage = z.union([
  z.object({ t: z.literal('result'), id: z.number(), ok: z.literal(true), value: z.unknown() }),
  z.object({ t: z.literal('result'), id: z.number(), ok: z.literal(false), error: berthErrorShape }),
  z.object({ t: z.literal('events'), id: z.number(), events: z.array(z.unknown()) }),
  z.object({ t: z.literal('end'), id: z.number(), error: berthErrorShape.optional() }),
]);

function lookup(contract: ContractShape, name: string): Def | undefined {
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const domain = Object.hasOwn(contract, name.slice(0, dot)) ? contract[name.slice(0, dot)] : undefined;
  const key = name.slice(dot + 1);
  return domain && Object.hasOwn(domain, key) ? domain[key] : undefined;
}

function handlerOf(impl: Record<string, Record<string, unknown>>, name: string): ((a: unknown, c: CallContext) => unknown) | undefined {
  const dot = name.indexOf('.');
  const domain = impl[name.slice(0, dot)];
  const fn = domain?.[name.slice(dot + 1)];
  return typeof fn === 'function' ? (fn.bind(domain) as (a: unknown, c: CallContext) => unknown) : undefined;
}

export interface DispatcherOptions {
  /** How long events are coalesced before a batch is sent (ms). */
  batchMs?: number;
  /** A batch is sent at once when it reaches this many events. */
  maxBatch?: number;
}

export interface Connection {
  /** Feed one message that arrived from the client (already JSON-decoded). */
  handle(raw: unknown): void;
  /** The client went away: abort its calls and dispose its streams. */
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

export function createDispatcher<C extends ContractShape>(
  contract: C,
  impl: Implementation<C>,
  options: DispatcherOptions = {},
): Dispatcher {
  const batchMs = options.batchMs ?? 16;
  const maxBatch = options.maxBatch ?? 2000;
  const implRec = impl as unknown as Record<string, Record<string, unknown>>;

  return {
    connect(sink, connectionId) {
      const life = new AbortController();
      const streams = new Map<number, AbortController>();
      let closed = false;
      const send = (msg: ServerMessage) => {
        if (!closed) sink.send(msg);
      };

      const validate = (def: Def, args: unknown): unknown => {
        const parsed = def.args.safeParse(args ?? {});
        if (!parsed.success) throw validationError(parsed.error.issues);
        return parsed.data;
      };

      const call = async (id: number, name: string, args: unknown) => {
        // A signal per call (aborted with the connection): libraries that listen on it then hold
        // nothing once the call is over, instead of piling listeners on the connection's signal.
        const ctl = new AbortController();
        const onLife = () => ctl.abort();
        life.signal.addEventListener('abort', onLife, { once: true });
        try {
          const def = lookup(contract, name);
          const fn = handlerOf(implRec, name);
          if (!def || def.kind !== 'method' || !fn) throw new BerthError('UNKNOWN_METHOD', `Unknown method "${name}"`);
          const value = await fn(validate(def, args), { connectionId, signal: ctl.signal });
          send({ t: 'result', id, ok: true, value: value === undefined ? null : value });
        } catch (err) {
          send({ t: 'result', id, ok: false, error: toErrorShape(err) });
        } finally {
          life.signal.removeEventListener('abort', onLife);
        }
      };

      const subscribe = async (id: number, name: string, args: unknown) => {
        const ctl = new AbortController();
        const onLife = () => ctl.abort();
        life.signal.addEventListener('abort', onLife, { once: true });
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
          life.signal.removeEventListener('abort', onLife);
          if (streams.get(id) === ctl) streams.delete(id);
          // Tell the source we are done (closes sockets, kills log followers).
          void iterator?.return?.(undefined)?.catch(() => undefined);
        }
      };

      return {
        handle(raw) {
          const parsed = clientMessage.safeParse(raw);
          if (!parsed.success) {
            const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
            send({ t: 'result', id, ok: false, error: validationError(parsed.error.issues).toJSON() });
            return;
          }
          const msg = parsed.data;
          if (msg.t === 'call') void call(msg.id, msg.name, msg.args);
          else if (msg.t === 'sub') void subscribe(msg.id, msg.name, msg.args);
          else {
            streams.get(msg.id)?.abort();
            streams.delete(msg.id);
          }
        },
        close() {
          closed = true;
          life.abort();
          streams.clear();
        },
      };
    },
  };
}

/** The client side of a transport: a way to send, and callbacks for messages and connection state. */
export interface ClientTransport {
  send(msg: ClientMessage): void;
  onMessage(cb: (msg: unknown) => void): Disposable;
  /** 'open' after a (re)connect: the client re-sends its live subscriptions. 'closed': pending calls fail. */
  onStatus?(cb: (status: 'open' | 'closed') => void): Disposable;
}

/** Build the typed client for a contract: a plain object (no Proxy), so Electron's contextBridge can expose it. */
export function createClient<C extends ContractShape>(contract: C, transport: ClientTransport): Client<C> {
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  /** `delivered`: sent while the transport was open, so a resend after a reconnect is a restart. */
  const subs = new Map<number, { name: string; args: unknown; handlers: StreamHandlers<unknown>; delivered: boolean }>();
  // A transport without a status (Electron IPC) is always open.
  let open = !transport.onStatus;

  transport.onMessage((raw) => {
    const parsed = serverMessage.safeParse(raw);
    if (!parsed.success) return;
    const msg = parsed.data;
    if (msg.t === 'result') {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(BerthError.from(msg.error));
    } else if (msg.t === 'events') {
      subs.get(msg.id)?.handlers.next(msg.events);
    } else {
      const s = subs.get(msg.id);
      if (!s) return;
      subs.delete(msg.id);
      if (msg.error) s.handlers.error?.(BerthError.from(msg.error));
      else s.handlers.complete?.();
    }
  });
  transport.onStatus?.((status) => {
    open = status === 'open';
    if (status === 'closed') {
      for (const p of pending.values()) p.reject(new BerthError('TRANSPORT', 'The connection to the Berth back end was lost'));
      pending.clear();
    } else {
      for (const [id, s] of subs) {
        if (s.delivered) s.handlers.restarted?.();
        s.delivered = true;
        transport.send({ t: 'sub', id, name: s.name, args: s.args });
      }
    }
  });

  const client: Record<string, Record<string, unknown>> = {};
  for (const [domain, defs] of Object.entries(contract)) {
    const d: Record<string, unknown> = {};
    for (const [key, def] of Object.entries(defs)) {
      const name = `${domain}.${key}`;
      d[key] =
        def.kind === 'method'
          ? (args: unknown) =>
              new Promise((resolve, reject) => {
                const id = nextId++;
                pending.set(id, { resolve, reject });
                try {
                  transport.send({ t: 'call', id, name, args: args ?? {} });
                } catch (err) {
                  pending.delete(id);
                  reject(new BerthError('TRANSPORT', `Could not send ${name}: ${String(err)}`));
                }
              })
          : (args: unknown, handlers: StreamHandlers<unknown>): Disposable => {
              const id = nextId++;
              subs.set(id, { name, args: args ?? {}, handlers, delivered: open });
              transport.send({ t: 'sub', id, name, args: args ?? {} });
              return {
                dispose() {
                  if (subs.delete(id)) transport.send({ t: 'unsub', id });
                },
              };
            };
    }
    client[domain] = d;
  }
  return client as Client<C>;
}
