import type { ClientMessage, ClientTransport, Disposable } from '../../../contract/index.js';

/**
 * Browser-mode transport: one WebSocket to the local Berth server, reconnecting with backoff.
 * Authentication rides on the HttpOnly cookie the server set when the page was opened with ?token=.
 */
export function createWsTransport(url: string): ClientTransport & Disposable {
  const messageListeners = new Set<(msg: unknown) => void>();
  const statusListeners = new Set<(s: 'open' | 'closed') => void>();
  let socket: WebSocket | undefined;
  let queue: string[] = [];
  let backoff = 250;
  let disposed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const open = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      backoff = 250;
      for (const m of queue) ws.send(m);
      queue = [];
      statusListeners.forEach((l) => l('open'));
    };
    ws.onmessage = (ev) => {
      let msg: unknown;
      try {
        msg = JSON.parse(String(ev.data));
      } catch {
        return; // a malformed frame is dropped, never a crash
      }
      messageListeners.forEach((l) => l(msg));
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      statusListeners.forEach((l) => l('closed'));
      if (!disposed) {
        retry = setTimeout(open, backoff);
        backoff = Math.min(backoff * 2, 5000);
      }
    };
  };
  open();

  return {
    send(msg: ClientMessage) {
      const data = JSON.stringify(msg);
      if (socket?.readyState === WebSocket.OPEN) socket.send(data);
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
