import type { WebSocket } from 'ws';
import { decodeByteFrame, encodeByteFrameHeader, type Connection, type Dispatcher, type ServerMessage } from '../contract/index.js';

/** Past this much unsent data, streams pause until the socket drains (bounded memory per client). */
export const CONGESTED_BYTES = 4 * 1024 * 1024;

export interface WsApiOptions {
  dispatcher: Dispatcher;
  log: (line: string) => void;
  /** Ping interval; a client that misses a pong is dropped. */
  heartbeatMs?: number;
}

function transportError(id: number, message: string): ServerMessage {
  return { t: 'result', id, ok: false, error: { code: 'TRANSPORT', message } };
}

/**
 * Serves the contract over one WebSocket: each socket is one dispatcher connection. Text frames
 * carry one JSON message each; binary frames carry the bytes of downloads and uploads
 * (contract/byte-frame.ts). A malformed frame of either kind is answered with a TRANSPORT error and
 * never ends the process or the connection.
 */
export function serveApiSocket(ws: WebSocket, connectionId: string, options: WsApiOptions): Connection {
  const { dispatcher, log } = options;
  const send = (msg: ServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    if (msg.t === 'bytes') {
      // One message in two fragments, the 8-byte header then the payload as it is: the payload is
      // written to the socket without a copy (the client reassembles one binary message).
      ws.send(encodeByteFrameHeader(msg.id), { binary: true, fin: false });
      ws.send(msg.data, { binary: true, fin: true });
      return;
    }
    let text: string;
    try {
      text = JSON.stringify(msg);
    } catch (err) {
      log(`ws ${connectionId}: cannot encode a reply: ${(err as Error).message}`);
      if (msg.t === 'result' || msg.t === 'end') {
        const error = { code: 'INTERNAL' as const, message: `The reply could not be encoded: ${(err as Error).message}` };
        text = JSON.stringify(msg.t === 'result' ? { t: 'result', id: msg.id, ok: false, error } : { t: 'end', id: msg.id, error });
      } else return;
    }
    ws.send(text);
  };
  const connection = dispatcher.connect({ send, congested: () => ws.bufferedAmount > CONGESTED_BYTES }, connectionId);

  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      const frame = decodeByteFrame(data as Buffer);
      if (frame) connection.handle({ t: 'bytes', id: frame.id, data: frame.data });
      else send(transportError(-1, 'Binary frames carry the bytes of a download or upload; this one is not a Berth byte frame.'));
      return;
    }
    let msg: unknown;
    try {
      msg = JSON.parse(data.toString());
    } catch (err) {
      send(transportError(-1, `Malformed message (not JSON): ${(err as Error).message}`));
      return;
    }
    connection.handle(msg);
  });

  let alive = true;
  ws.on('pong', () => (alive = true));
  const heartbeat = setInterval(() => {
    if (!alive) {
      log(`ws ${connectionId}: no pong, dropping the connection`);
      ws.terminate();
      return;
    }
    alive = false;
    ws.ping();
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  ws.on('error', (err) => log(`ws ${connectionId}: ${err.message}`));
  ws.on('close', () => {
    clearInterval(heartbeat);
    connection.close();
  });
  return connection;
}
