import type { Readable } from 'node:stream';
import type { HeldStream, RawBody } from './held-stream.js';

/** docker-modem's response stream in RawBody's shape (TLS and SSH engines). */
export function rawBodyOf(stream: Readable): RawBody {
  const body = Object.assign(stream, { ended: false }) as unknown as RawBody & Readable & { ended: boolean };
  stream.once('end', () => (body.ended = true));
  stream.once('close', () => (body.ended = true));
  stream.pause();
  return body;
}

/** HeldStream over an ordinary stream (TLS and SSH): lines gathered as they come, handed out on drain. */
export function heldOverStream(stream: Readable): HeldStream {
  let pending: string[] = [];
  let partial = '';
  let ended = false;
  stream.setEncoding('utf8');
  stream.on('data', (text: string) => {
    const parts = (partial + text).split('\n');
    partial = parts.pop() ?? '';
    for (const p of parts) if (p.trim()) pending.push(p);
    if (pending.length > 1000) pending = pending.slice(-1000);
  });
  stream.on('end', () => (ended = true));
  stream.on('close', () => (ended = true));
  stream.on('error', () => (ended = true));
  return {
    get ended() {
      return ended;
    },
    drain() {
      const out = pending;
      pending = [];
      return Promise.resolve(out);
    },
    close() {
      ended = true;
      stream.destroy();
    },
  };
}
