import { decodeByteFrame, encodeByteFrame, type ClientMessage, type ClientTransport, type Disposable } from '../../../contract/index.js';

/**
 * Browser-mode transport: one WebSocket to the local Berth server, reconnecting with backoff.
 * Authentication rides on the HttpOnly cookie the server set when the page was opened with ?token=.
 * JSON messages are text frames; the bytes of downloads and uploads are binary frames
 * (contract/byte-frame.ts).
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
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => {
      backoff = 250;
      for (const m of queue) ws.send(m);
      queue = [];
      statusListeners.forEach((l) => l('open'));
    };
    ws.onmessage = (ev) => {
      let msg: unknown;
      if (ev.data instanceof ArrayBuffer) {
        const frame = decodeByteFrame(new Uint8Array(ev.data));
        if (!frame) return; // not a byte frame: dropped, never a crash
        msg = { t: 'bytes', id: frame.id, data: frame.data };
        messageListeners.forEach((l) => l(msg));
        return;
      }
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
      if (msg.t === 'bytes') {
        // Bytes belong to an open upload: without the socket it has already failed.
        if (socket?.readyState === WebSocket.OPEN) socket.send(encodeByteFrame(msg.id, msg.data));
        return;
      }
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
