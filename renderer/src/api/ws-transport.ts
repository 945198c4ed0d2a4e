import type { ClientMessage, ClientTransport, Disposable } from '../../../contract/index.js';
import { decodeByteFrame, encodeByteFrame } from '../../../contract/byte-frame.js';
import type { EarlySocket } from './early-socket.js';

/**
 * Browser-mode transport: one WebSocket to the local Berth server, reconnecting with backoff.
 * Authentication rides on the HttpOnly cookie the server set when the page was opened with ?token=.
 * JSON messages are text frames; the bytes of downloads and uploads are binary frames
 * (contract/byte-frame.ts).
 *
 * `early`: the socket early-socket.ts opened before the main chunk ran, with the subscriptions it
 * already sent. The transport takes it over instead of opening its own (see earlySubscriptions()).
 */
export function createWsTransport(url: string, early?: EarlySocket): ClientTransport & Disposable {
  const messageListeners = new Set<(msg: unknown) => void>();
  const statusListeners = new Set<(s: 'open' | 'closed') => void>();
  const deliver = (msg: unknown) => messageListeners.forEach((l) => l(msg));
  const adopted = early && early.socket.readyState <= WebSocket.OPEN ? earlySubscriptions(early, deliver) : undefined;
  let socket: WebSocket | undefined;
  /** 'open' was announced for `socket`: until then the client's subscriptions wait (it re-sends them on 'open'). */
  let announced = false;
  let queue: string[] = [];
  let backoff = 250;
  let disposed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const announce = (ws: WebSocket) => {
    if (socket !== ws || announced) return;
    backoff = 250;
    announced = true;
    for (const m of queue) ws.send(m);
    queue = [];
    statusListeners.forEach((l) => l('open'));
    // The client has re-sent its subscriptions (synchronously, above): an early one it did not take
    // over is ended, so that its events are not held for nothing.
    for (const m of adopted?.dropUnclaimed() ?? []) ws.send(JSON.stringify(m));
  };

  const receive = (data: unknown) => {
    if (data instanceof ArrayBuffer) {
      const frame = decodeByteFrame(new Uint8Array(data));
      if (!frame) return; // not a byte frame: dropped, never a crash
      return deliver({ t: 'bytes', id: frame.id, data: frame.data });
    }
    let msg: unknown;
    try {
      msg = JSON.parse(String(data));
    } catch {
      return; // a malformed frame is dropped, never a crash
    }
    if (!adopted?.intercept(msg)) deliver(msg);
  };

  const attach = (ws: WebSocket) => {
    ws.binaryType = 'arraybuffer';
    socket = ws;
    announced = false;
    ws.onopen = () => announce(ws);
    ws.onmessage = (ev) => receive(ev.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      announced = false;
      adopted?.end();
      // The client fails every pending call on 'closed': the calls waiting here are among them, so
      // they must never be sent (a stop reported as failed would run at the next connect).
      queue = [];
      statusListeners.forEach((l) => l('closed'));
      if (!disposed) {
        retry = setTimeout(open, backoff);
        backoff = Math.min(backoff * 2, 5000);
      }
    };
  };
  const open = () => attach(new WebSocket(url));

  if (early && adopted) {
    const ws = early.socket;
    attach(ws);
    for (const data of early.release()) receive(data);
    // Already open: announce it once the client and the runtime have registered their listeners
    // (they do so synchronously after this returns).
    if (ws.readyState === WebSocket.OPEN) queueMicrotask(() => announce(ws));
  } else open();

  return {
    send(msg: ClientMessage) {
      const ready = socket?.readyState === WebSocket.OPEN && announced;
      if (msg.t === 'bytes') {
        // Bytes belong to an open upload: without the socket it has already failed.
        if (ready) socket!.send(encodeByteFrame(msg.id, msg.data));
        return;
      }
      const out = ready && adopted ? adopted.outgoing(msg) : msg;
      if (!out) return;
      const data = JSON.stringify(out);
      if (ready) socket!.send(data);
      // Only calls wait for the socket: the client re-sends every live subscription on 'open'.
      else if (msg.t === 'call') queue.push(data);
    },
    onMessage(cb) {
      messageListeners.add(cb);
      return { dispose: () => messageListeners.delete(cb) };
    },
    onStatus(cb) {
      statusListeners.add(cb);
      return { dispose: () => statusListeners.delete(cb) };
    },
    dispose() {
      disposed = true;
      if (retry) clearTimeout(retry);
      socket?.close();
    },
  };
}

/**
 * The early socket's subscriptions, handed to the client: when it subscribes to the same stream with
 * the same arguments, it gets the early subscription (whose events may already be here) instead of a
 * second one, and the early id is translated to the client's both ways. They end with that socket; on
 * the next one the client subscribes under its own ids.
 */
function earlySubscriptions(early: EarlySocket, deliver: (msg: unknown) => void) {
  type Entry = { sub: EarlySocket['subscriptions'][number]; clientId?: number; held: object[]; done: boolean };
  const entries = early.subscriptions.map((sub): Entry => ({ sub, held: [], done: false }));
  const byEarlyId = new Map(entries.map((en) => [en.sub.id, en]));
  return {
    /** A message for an early subscription: held until the client claims it, then re-addressed. */
    intercept(msg: unknown): boolean {
      if (typeof msg !== 'object' || msg === null) return false;
      const id = (msg as { id?: unknown }).id;
      const en = typeof id === 'number' ? byEarlyId.get(id) : undefined;
      if (!en) return false;
      if (en.done) return true;
      if (en.clientId === undefined) en.held.push(msg);
      else deliver({ ...msg, id: en.clientId });
      return true;
    },
    /** The client's message as sent: undefined when it takes over an early subscription. */
    outgoing(msg: ClientMessage): ClientMessage | undefined {
      if (msg.t === 'sub') {
        const args = JSON.stringify(msg.args);
        const en = entries.find((x) => !x.done && x.clientId === undefined && x.sub.name === msg.name && JSON.stringify(x.sub.args) === args);
        if (!en) return msg;
        en.clientId = msg.id;
        // After the client's subscribe call has returned: its handlers never run inside it.
        queueMicrotask(() => {
          const held = en.held.splice(0);
          if (!en.done) for (const m of held) deliver({ ...m, id: msg.id });
        });
        return undefined;
      }
      if (msg.t === 'unsub') {
        const en = entries.find((x) => !x.done && x.clientId === msg.id);
        if (!en) return msg;
        en.done = true;
        return { t: 'unsub', id: en.sub.id };
      }
      return msg;
    },
    /** The early subscriptions no client subscription took over: ended here, and their unsub to send. */
    dropUnclaimed(): ClientMessage[] {
      const dropped = entries.filter((en) => !en.done && en.clientId === undefined);
      for (const en of dropped) {
        en.done = true;
        en.held = [];
      }
      return dropped.map((en) => ({ t: 'unsub', id: en.sub.id }));
    },
    end() {
      for (const en of entries) {
        en.done = true;
        en.held = [];
      }
    },
  };
}
