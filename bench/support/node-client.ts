import WebSocket from 'ws';
import { contract, createClient, decodeByteFrame, encodeByteFrame, type BerthApi, type ClientTransport } from '../../contract/index.js';
import { BYTE_FRAME_HEADER } from '../../contract/byte-frame.js';

/** A BerthApi client in Node over the browser-mode WebSocket (Bearer token, same-origin header). */
export async function connectNodeClient(origin: string, token: string): Promise<{ api: BerthApi; close(): void }> {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/api`, { headers: { Authorization: `Bearer ${token}`, Origin: origin } });
  // A binary message as its fragments, unjoined: the back end sends a byte frame's header and payload
  // as two fragments, and joining them would cost this client a copy of every payload that a browser
  // does not make (it assembles each message into its one ArrayBuffer once, as ws's receiver here
  // already did for each fragment).
  ws.binaryType = 'fragments';
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket refused: HTTP ${res.statusCode}`)));
  });
  const transport: ClientTransport = {
    // Bytes of downloads and uploads are binary frames made as the browser's transport makes them
    // (renderer/src/api/ws-transport.ts: one message, header and payload in one buffer), so the
    // back end's receiver does what it does for the UI (two fragments cost it a copy of each message).
    send: (m) => {
      if (m.t !== 'bytes') return ws.send(JSON.stringify(m));
      ws.send(encodeByteFrame(m.id, m.data));
    },
    onMessage: (cb) => {
      const l = (data: WebSocket.RawData, isBinary: boolean) => {
        // With binaryType 'fragments' a text message still comes as one Buffer.
        if (!isBinary) return cb(JSON.parse(data.toString()));
        const frame = byteFrameOf(data as Buffer[]);
        if (frame) cb({ t: 'bytes', id: frame.id, data: frame.data });
      };
      ws.on('message', l);
      return { dispose: () => ws.off('message', l) };
    },
  };
  return { api: createClient(contract, transport), close: () => ws.close() };
}

/** A byte frame from a binary message's fragments: a header-only first fragment is read without joining the payload to it. */
function byteFrameOf(parts: Buffer[]): { id: number; data: Uint8Array } | undefined {
  const [head, payload] = parts;
  if (parts.length !== 2 || head!.length !== BYTE_FRAME_HEADER) return decodeByteFrame(Buffer.concat(parts));
  const id = decodeByteFrame(Buffer.concat([head!, payload!.subarray(0, 1)]))?.id;
  return id === undefined ? undefined : { id, data: payload! };
}

/** Resolves once the back end reports the engine running (pushed by engine.statusChanges). */
export function engineRunning(api: BerthApi, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (sub.dispose(), reject(new Error('The engine did not reach "running" in time'))), timeoutMs);
    const sub = api.engine.statusChanges({}, {
      next: (events) => {
        if (events.some((e) => e.state === 'running')) {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        }
      },
      error: reject,
    });
  });
}
