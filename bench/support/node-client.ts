import WebSocket from 'ws';
import { contract, createClient, decodeByteFrame, encodeByteFrameHeader, type BerthApi, type ClientTransport } from '../../contract/index.js';

/** A BerthApi client in Node over the browser-mode WebSocket (Bearer token, same-origin header). */
export async function connectNodeClient(origin: string, token: string): Promise<{ api: BerthApi; close(): void }> {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/api`, { headers: { Authorization: `Bearer ${token}`, Origin: origin } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket refused: HTTP ${res.statusCode}`)));
  });
  const transport: ClientTransport = {
    // Bytes of downloads and uploads are binary frames, as in the browser (contract/byte-frame.ts).
    send: (m) => {
      if (m.t !== 'bytes') return ws.send(JSON.stringify(m));
      ws.send(encodeByteFrameHeader(m.id), { fin: false });
      ws.send(m.data, { fin: true });
    },
    onMessage: (cb) => {
      const l = (data: WebSocket.RawData, isBinary: boolean) => {
        if (!isBinary) return cb(JSON.parse(data.toString()));
        const frame = decodeByteFrame(data as Buffer);
        if (frame) cb({ t: 'bytes', id: frame.id, data: frame.data });
      };
      ws.on('message', l);
      return { dispose: () => ws.off('message', l) };
    },
  };
  return { api: createClient(contract, transport), close: () => ws.close() };
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
