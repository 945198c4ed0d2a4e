import net from 'node:net';
import { HTTPParser } from 'http-parser-js';
import { LineDecoder } from '../streams/line-decoder.js';

/** Where a held stream connects: the engine's socket (unix socket or Windows named pipe) or plain TCP. */
export type HeldStreamTarget = { socketPath: string } | { host: string; port: number };

export interface HeldStreamOptions {
  signal: AbortSignal;
  /** Longest line kept (longer ones are dropped), in characters. */
  maxLineLength?: number;
  /** How long the engine may take to answer the request (default 30 s). */
  headTimeoutMs?: number;
}

/**
 * A streaming GET whose socket is read only when asked. Between two `drain()` calls the engine's writes
 * wait in the kernel's socket buffer, so the process is not woken for each of them: the cost of a
 * stream that pushes a sample a second (`/containers/{id}/stats?stream=1`) drops from one wake-up per
 * sample to one per drain. (Measured here with 50 such streams: ~1.0 % of a core read as they come,
 * ~0.23 % drained every 2 s.)
 */
export interface HeldStream {
  /**
   * Read what the engine sent since the last drain and return the complete lines it brought (the
   * newest last). Does not wait for new data: an idle stream returns [] at once.
   */
  drain(): Promise<string[]>;
  /** True once the engine ended the response (seen by a drain) or the stream was closed. */
  readonly ended: boolean;
  close(): void;
}

/** An engine answer other than 200, shaped like dockerode's errors so `toBerthError` reads it. */
export class HeldStreamHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly json: { message?: string } | undefined,
    body: string,
  ) {
    super(`(HTTP code ${statusCode}) ${json?.message ?? body}`);
  }
}

const READ_BUFFER = 64 * 1024;

/**
 * Send `GET path` and resolve once the engine's answer head arrived: a held stream for a 200, a
 * HeldStreamHttpError (with the engine's message) for anything else. Node's `onread` socket option is
 * what makes `pause()` stop reading at once (a plain socket keeps reading into its stream buffer);
 * http-parser-js reads the response (status, headers, chunked body).
 */
export function openHeldStream(target: HeldStreamTarget, path: string, options: HeldStreamOptions): Promise<HeldStream> {
  const { signal } = options;
  return new Promise<HeldStream>((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const lines = new LineDecoder({ maxLineLength: options.maxLineLength ?? 1024 * 1024 });
    const parser = new HTTPParser(HTTPParser.RESPONSE);
    let status = 0;
    let head = false;
    let errorBody = '';
    let pending: string[] = [];
    let ended = false;
    let settled = false;
    let waiter: (() => void) | undefined;

    const finishWaiter = () => {
      const w = waiter;
      waiter = undefined;
      w?.();
    };
    const end = () => {
      if (ended) return;
      ended = true;
      for (const item of lines.end()) if (item.kind === 'line') pending.push(item.text);
      socket.destroy();
      signal.removeEventListener('abort', onAbort);
      clearTimeout(headTimer);
      finishWaiter();
      if (!settled) fail(new Error('The engine closed the connection before answering'));
    };
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      end();
      reject(err);
    };

    parser[HTTPParser.kOnHeadersComplete] = (info) => {
      status = info.statusCode;
      head = true;
      if (status === 200) {
        settled = true;
        clearTimeout(headTimer);
        socket.pause();
        resolve(held);
      }
    };
    parser[HTTPParser.kOnBody] = (chunk, offset, length) => {
      const bytes = chunk.subarray(offset, offset + length);
      if (status !== 200) {
        if (errorBody.length < 64 * 1024) errorBody += bytes.toString('utf8');
        return;
      }
      for (const item of lines.push(bytes)) if (item.kind === 'line') pending.push(item.text);
    };
    parser[HTTPParser.kOnMessageComplete] = () => {
      if (status !== 200 && !settled) {
        settled = true;
        reject(new HeldStreamHttpError(status, parseMessage(errorBody), errorBody.trim()));
      }
      end();
    };

    const readBuffer = Buffer.allocUnsafe(READ_BUFFER);
    const socket = net.connect({
      ...('socketPath' in target ? { path: target.socketPath } : { host: target.host, port: target.port }),
      onread: {
        buffer: readBuffer,
        callback: (n) => {
          const r = parser.execute(readBuffer, 0, n);
          if (r instanceof Error) fail(new Error(`The engine's answer could not be read: ${r.message}`));
          return true;
        },
      },
    });
    socket.on('connect', () => {
      const host = 'socketPath' in target ? 'docker' : `${target.host}:${target.port}`;
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: Berth\r\nAccept: application/json\r\n\r\n`);
    });
    socket.on('end', () => {
      if (head && status !== 200 && !settled) {
        settled = true;
        reject(new HeldStreamHttpError(status, parseMessage(errorBody), errorBody.trim()));
      }
      end();
    });
    socket.on('close', end);
    socket.on('error', (err) => fail(err));

    const onAbort = () => {
      fail(abortError());
      end();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const headTimer = setTimeout(() => fail(new Error(`The engine did not answer ${path} within ${options.headTimeoutMs ?? 30_000} ms`)), options.headTimeoutMs ?? 30_000);

    let draining: Promise<string[]> | undefined;
    const held: HeldStream = {
      get ended() {
        return ended;
      },
      drain() {
        if (draining) return draining;
        if (ended) {
          const out = pending;
          pending = [];
          return Promise.resolve(out);
        }
        draining = new Promise<void>((done) => {
          waiter = done;
          socket.resume();
          // Two turns of the event loop: whichever phase this was called from, the socket's buffered
          // bytes are read in a poll phase before the second immediate runs.
          setImmediate(() => setImmediate(finishWaiter));
        }).then(() => {
          draining = undefined;
          if (!ended) socket.pause();
          const out = pending;
          pending = [];
          return out;
        });
        return draining;
      },
      close() {
        end();
      },
    };
  });
}

function parseMessage(body: string): { message?: string } | undefined {
  try {
    const v = JSON.parse(body) as unknown;
    return v && typeof v === 'object' && typeof (v as { message?: unknown }).message === 'string' ? { message: (v as { message: string }).message } : undefined;
  } catch {
    return body.trim() ? { message: body.trim() } : undefined;
  }
}

function abortError(): Error {
  return Object.assign(new Error('The request was cancelled'), { name: 'AbortError' });
}
