import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { contract, createClient, createDispatcher, decodeByteFrame, encodeByteFrame, type BerthApi } from '../contract/index.js';
import { createFakeImplementation } from './testing/fake-implementation.js';
import { MAX_PAYLOAD } from './http-server.js';
import { serveApiSocket } from './ws-api.js';

const MiB = 1024 * 1024;
let close: (() => void) | undefined;
afterEach(() => close?.());

/** A WebSocket server speaking the contract to a fake back end, and a client counting frames by kind. */
async function connect() {
  const uploads: number[] = [];
  const fake = createFakeImplementation({
    containers: {
      download: async () => ({ head: { fileName: 'big.bin', kind: 'file', size: 5 * MiB }, body: (async function* () {
        for (let i = 0; i < 5; i++) yield new Uint8Array(MiB).fill(i);
      })() }),
      upload: async (args: { size: number }, _ctx: unknown, body: AsyncIterable<Uint8Array>) => {
        let n = 0;
        for await (const chunk of body) n += chunk.length;
        uploads.push(n);
        return { path: '/tmp/x', size: args.size };
      },
    },
  });
  // The browser-mode server's own limit: an upload's frames (a whole frameBytes each) must fit.
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', maxPayload: MAX_PAYLOAD });
  const dispatcher = createDispatcher(contract, fake.impl);
  wss.on('connection', (ws) => serveApiSocket(ws, 'test', { dispatcher, log: () => undefined }));
  await once(wss, 'listening');
  const ws = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  await once(ws, 'open');
  const frames = { binaryIn: 0, textIn: 0, binaryOut: 0 };
  const api = createClient(contract, {
    send: (m) => (m.t === 'bytes' ? (frames.binaryOut++, ws.send(encodeByteFrame(m.id, m.data))) : ws.send(JSON.stringify(m))),
    onMessage: (cb) => {
      ws.on('message', (data: Buffer, isBinary) => {
        if (!isBinary) return frames.textIn++, cb(JSON.parse(data.toString()));
        frames.binaryIn++;
        const f = decodeByteFrame(data);
        if (f) cb({ t: 'bytes', id: f.id, data: f.data });
      });
      return { dispose: () => undefined };
    },
  }) as BerthApi;
  close = () => (ws.close(), wss.close());
  return { api, ws, frames, uploads };
}

describe('the contract over a WebSocket', () => {
  it('a download arrives as binary frames; only the head, acks and end are JSON', async () => {
    const { api, frames } = await connect();
    let bytes = 0;
    await new Promise<void>((resolve, reject) =>
      api.containers.download({ id: 'c1', path: '/big.bin' }, { start: () => undefined, data: (d) => void (bytes += d.length), end: resolve, error: reject }),
    );
    expect(bytes).toBe(5 * MiB);
    expect(frames.binaryIn).toBe(5); // frames of BYTE_LIMITS.frameBytes (1 MiB)
    expect(frames.textIn).toBe(2); // head, end
  });

  it('an upload is sent as binary frames and answered once', async () => {
    const { api, frames, uploads } = await connect();
    const size = 3 * MiB + 17;
    let off = 0;
    const done = await new Promise((resolve, reject) =>
      api.containers.upload({ id: 'c1', path: '/tmp', name: 'x', size }, {
        read: (max) => {
          if (off >= size) return null;
          const n = Math.min(max, size - off);
          off += n;
          return new Uint8Array(n);
        },
        done: resolve,
        error: reject,
      }),
    );
    expect(done).toEqual({ path: '/tmp/x', size });
    expect(frames.binaryOut).toBe(4); // three whole frames of 1 MiB and the 17 bytes left
    expect(uploads).toEqual([size]);
  });

  it('a binary frame that is not a byte frame is answered with TRANSPORT, and the socket stays usable', async () => {
    const { ws } = await connect();
    const reply = once(ws, 'message');
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    const [data] = (await reply) as [Buffer];
    expect(JSON.parse(data.toString())).toMatchObject({ ok: false, error: { code: 'TRANSPORT', message: expect.stringMatching(/not a Berth byte frame/) } });
    // Bytes for a stream that is not open are dropped without a reply.
    ws.send(encodeByteFrame(99, new Uint8Array([1])), { binary: true });
    const next = once(ws, 'message');
    ws.send(JSON.stringify({ t: 'call', id: 5, name: 'containers.list', args: {} }));
    expect(JSON.parse(String(((await next) as [Buffer])[0]))).toMatchObject({ t: 'result', id: 5 });
  });
});
