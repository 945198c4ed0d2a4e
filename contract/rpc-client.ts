import type { Client, ContractShape, Disposable, StreamHandlers } from './define.js';
import { BerthError } from './errors.js';
import type { ClientMessage } from './rpc-messages.js';
import { parseServerMessage } from './server-message.js';
import { openDownload, openUpload, type ByteClientState } from './rpc-byte-client.js';
import { walkContract, type ContractKinds } from './walk.js';

/** The client side of a transport: a way to send, and callbacks for messages and connection state. */
export interface ClientTransport {
  send(msg: ClientMessage): void;
  onMessage(cb: (msg: unknown) => void): Disposable;
  /** 'open' after a (re)connect: the client re-sends its live subscriptions. 'closed': pending calls fail. */
  onStatus?(cb: (status: 'open' | 'closed') => void): Disposable;
}

/**
 * Build the typed client for a contract: a plain object (no Proxy), so Electron's contextBridge can
 * expose it. It needs only the names and kinds, so `contract` may be its ContractKinds (then name the
 * contract's type: createClient<BerthContract>(kinds, transport)).
 */
export function createClient<C extends ContractShape>(contract: C | ContractKinds<C>, transport: ClientTransport): Client<C> {
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  /** `delivered`: sent while the transport was open, so a resend after a reconnect is a restart. */
  const subs = new Map<number, { name: string; args: unknown; handlers: StreamHandlers<unknown>; delivered: boolean }>();
  /** Downloads and uploads: never resent after a reconnect (their bytes cannot be replayed); they fail. */
  const bytes = new Map<number, ByteClientState>();
  // A transport without a status (Electron IPC) is always open.
  let open = !transport.onStatus;

  transport.onMessage((raw) => {
    const msg = parseServerMessage(raw);
    if (!msg) return;
    switch (msg.t) {
      case 'result': {
        const p = pending.get(msg.id);
        if (!p) return bytes.get(msg.id)?.result(msg);
        pending.delete(msg.id);
        if (msg.ok) p.resolve(msg.value);
        else p.reject(BerthError.from(msg.error));
        return;
      }
      case 'events':
        return subs.get(msg.id)?.handlers.next(msg.events);
      case 'end': {
        const s = subs.get(msg.id);
        if (!s) return bytes.get(msg.id)?.end(msg.error);
        subs.delete(msg.id);
        if (msg.error) s.handlers.error?.(BerthError.from(msg.error));
        else s.handlers.complete?.();
        return;
      }
      case 'head':
        return bytes.get(msg.id)?.head(msg.head);
      case 'bytes':
        return bytes.get(msg.id)?.data(msg.data);
      case 'ack':
        return bytes.get(msg.id)?.ack(msg.bytes);
    }
  });
  transport.onStatus?.((status) => {
    open = status === 'open';
    if (status === 'closed') {
      const lost = () => new BerthError('TRANSPORT', 'The connection to the Berth back end was lost');
      for (const p of pending.values()) p.reject(lost());
      pending.clear();
      for (const b of [...bytes.values()]) b.fail(lost());
    } else {
      for (const [id, s] of subs) {
        if (s.delivered) s.handlers.restarted?.();
        s.delivered = true;
        transport.send({ t: 'sub', id, name: s.name, args: s.args });
      }
    }
  });

  const client = walkContract(contract, (def, name) => {
    switch (def.kind) {
      case 'method':
        return (args: unknown) =>
          new Promise((resolve, reject) => {
            const id = nextId++;
            pending.set(id, { resolve, reject });
            try {
              transport.send({ t: 'call', id, name, args: args ?? {} });
            } catch (err) {
              pending.delete(id);
              reject(new BerthError('TRANSPORT', `Could not send ${name}: ${String(err)}`));
            }
          });
      case 'stream':
        return (args: unknown, handlers: StreamHandlers<unknown>): Disposable => {
          const id = nextId++;
          subs.set(id, { name, args: args ?? {}, handlers, delivered: open });
          transport.send({ t: 'sub', id, name, args: args ?? {} });
          return {
            dispose() {
              if (subs.delete(id)) transport.send({ t: 'unsub', id });
            },
          };
        };
      case 'download':
      case 'upload':
        return (args: unknown, handlers: never): Disposable => {
          const id = nextId++;
          const link = { id, name, args: args ?? {}, transport, open, forget: () => bytes.delete(id) };
          const state = def.kind === 'download' ? openDownload(link, handlers) : openUpload(link, handlers);
          bytes.set(id, state);
          state.start();
          return { dispose: () => state.cancel() };
        };
    }
  });
  return client as Client<C>;
}
