import type { WebSocket } from 'ws';
import type { Connection, Dispatcher, ServerMessage } from '../contract/index.js';

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
 * carry one JSON message each; a binary or malformed frame is answered with a TRANSPORT error and
 * never ends the process or the connection.
 */
export function serveApiSocket(ws: WebSocket, connectionId: string, options: WsApiOptions): Connection {
  const { dispatcher, log } = options;
  const send = (msg: ServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
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
      send(transportError(-1, 'Binary frames are not part of the Berth protocol; send JSON text.'));
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
