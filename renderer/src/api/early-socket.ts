/*
 * Browser mode's first request, made before the main chunk is fetched, parsed and evaluated (a separate
 * entry of a few hundred bytes, put ahead of it in index.html by renderer/vite.config.ts). It opens
 * the WebSocket to the back end and subscribes to the container list, so the back end reads the list
 * while the window loads the UI; createWsTransport() adopts the socket and the subscription
 * (bench/first-row.ts). It must import nothing at run time, or the bundler would share a chunk with
 * the main entry. The desktop app has no WebSocket (its preload exposes `window.berth`): nothing to do
 * there. (It used to build an ICU collator here for the list's sort; the sort no longer needs ICU for
 * container names, features/containers/compare-plain.ts, and the collator cost 15–50 ms of the main
 * thread that the main chunk then waited for.)
 */

/** A subscription sent before the RPC client exists, with an id the client never uses (its ids start at 1). */
export interface EarlySubscription {
  readonly id: number;
  readonly name: string;
  readonly args: unknown;
}

export interface EarlySocket {
  readonly socket: WebSocket;
  readonly subscriptions: readonly EarlySubscription[];
  /**
   * Stops buffering and returns what arrived so far (message data, in order). From then on the caller's
   * own handlers see every message.
   */
  release(): unknown[];
}

declare global {
  interface Window {
    /** The early socket until the transport takes it; null once the transport exists (taken, or made without it). */
    berthEarlySocket?: EarlySocket | null;
  }
}

// The message shape is contract/rpc-messages.ts's `sub`; the args are those of the first subscription
// the containers page makes (features/containers/sync.ts), so the transport can match it.
const subscriptions: EarlySubscription[] = [{ id: 0, name: 'containers.watch', args: {} }];

// Both scripts are async modules: if this file arrives after the main chunk has run, the transport
// has its own socket already (berthEarlySocket is null) and a second one would never be adopted.
if (!window.berth && window.berthEarlySocket === undefined) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${scheme}//${location.host}/api`);
  socket.binaryType = 'arraybuffer';
  const buffered: unknown[] = [];
  const buffer = (ev: MessageEvent) => buffered.push(ev.data);
  socket.addEventListener('message', buffer);
  // A listener of its own (not onopen), so it still runs before the transport's once it is adopted.
  socket.addEventListener('open', () => {
    for (const s of subscriptions) socket.send(JSON.stringify({ t: 'sub', id: s.id, name: s.name, args: s.args }));
  });
  window.berthEarlySocket = {
    socket,
    subscriptions,
    release() {
      socket.removeEventListener('message', buffer);
      return buffered.splice(0);
    },
  };
}
