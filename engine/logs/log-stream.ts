import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import type { LogChunk } from '../../contract/models/container-logs.js';
import { toBerthError } from '../errors.js';
import { FrameDemuxer } from './frame-demuxer.js';
import { LogAssembler } from './log-assembler.js';

export interface LogStreamOptions {
  follow: boolean;
  timestamps: boolean;
  since?: number;
  until?: number;
  tail: number | 'all';
  stdout: boolean;
  stderr: boolean;
}

/** Chunks queued before the engine's socket is paused, and the level at which it resumes. */
const HIGH_WATER = 64;
const LOW_WATER = 16;
/** Most lines in one event. */
const MAX_CHUNK_LINES = 1000;

/**
 * GET /containers/{id}/logs as an AsyncIterable of LogChunks. The container's TTY setting decides how
 * the body is read: multiplexed frames (8-byte headers) or one plain stream. Bounded: when the consumer
 * falls HIGH_WATER chunks behind, the engine's socket is paused until it catches up, so a container that
 * floods its log never fills memory. `return()` or the signal destroys the engine stream at once.
 */
export function openLogStream(docker: Docker, ref: string, options: LogStreamOptions, signal: AbortSignal, endpoint?: string): AsyncIterableIterator<LogChunk> {
  const queue: LogChunk[] = [];
  let waiter: { resolve(r: IteratorResult<LogChunk>): void; reject(e: unknown): void } | undefined;
  let state: 'open' | 'ended' | 'done' = 'open';
  let failure: unknown;
  let body: IncomingMessage | undefined;
  let paused = false;
  let settleScheduled = false;

  const close = () => {
    if (state === 'done') return;
    state = 'done';
    queue.length = 0;
    signal.removeEventListener('abort', close);
    body?.destroy();
    const w = waiter;
    waiter = undefined;
    w?.resolve({ done: true, value: undefined });
  };
  signal.addEventListener('abort', close, { once: true });

  const settle = () => {
    if (!waiter) return;
    if (queue.length) {
      const w = waiter;
      waiter = undefined;
      w.resolve({ done: false, value: queue.shift()! });
    } else if (state === 'ended') {
      const w = waiter;
      waiter = undefined;
      state = 'done';
      if (failure !== undefined) w.reject(failure);
      else w.resolve({ done: true, value: undefined });
    }
  };

  /** Queue a chunk, merged into the last queued one when it continues the same stream. */
  const enqueue = (chunk: LogChunk) => {
    const last = queue[queue.length - 1];
    if (last && last.stream === chunk.stream && !last.ts === !chunk.ts && last.lines.length + chunk.lines.length <= MAX_CHUNK_LINES) {
      for (const line of chunk.lines) last.lines.push(line);
      if (last.ts && chunk.ts) for (const t of chunk.ts) last.ts.push(t);
    } else queue.push(chunk);
  };

  const finish = (err?: unknown) => {
    if (state !== 'open') return;
    state = 'ended';
    failure = err;
    signal.removeEventListener('abort', close);
    settle();
  };

  const start = async () => {
    try {
      const container = docker.getContainer(ref);
      const info = (await container.inspect({ abortSignal: signal } as object)) as { Config?: { Tty?: boolean } };
      if (state !== 'open') return;
      const query: Record<string, string | number | boolean> = {
        follow: options.follow,
        stdout: options.stdout,
        stderr: options.stderr,
        timestamps: options.timestamps,
        tail: options.tail,
      };
      if (options.since !== undefined) query.since = options.since;
      if (options.until !== undefined) query.until = options.until;
      const res = await new Promise<IncomingMessage>((resolve, reject) => {
        docker.modem.dial(
          {
            path: `/containers/${encodeURIComponent(ref)}/logs?`,
            method: 'GET',
            isStream: true,
            abortSignal: signal,
            statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
            options: query,
          } as unknown as Parameters<Docker['modem']['dial']>[0],
          (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as IncomingMessage)),
        );
      });
      if (state !== 'open') {
        res.destroy();
        return;
      }
      body = res;
      const assembler = new LogAssembler({ timestamps: options.timestamps, maxChunkLines: MAX_CHUNK_LINES });
      const demuxer = info.Config?.Tty ? undefined : new FrameDemuxer();
      const deliver = () => {
        for (const chunk of assembler.take()) enqueue(chunk);
        // The engine sends each line as its own HTTP chunk: wait until the socket read that brought
        // them is fully parsed (setImmediate), so the consumer gets a few big chunks, not many tiny ones.
        if (waiter && !settleScheduled && queue.length) {
          settleScheduled = true;
          setImmediate(() => {
            settleScheduled = false;
            settle();
          });
        }
        if (!paused && queue.length >= HIGH_WATER) {
          paused = true;
          res.pause();
        }
      };
      res.on('data', (buf: Buffer) => {
        if (state !== 'open') return;
        if (demuxer) for (const piece of demuxer.push(buf)) assembler.push(piece.stream, piece.data);
        else assembler.push('stdout', buf);
        deliver();
      });
      res.on('end', () => {
        if (state !== 'open') return;
        assembler.end();
        deliver();
        finish();
      });
      res.on('error', (err) => finish(toBerthError(err, endpoint)));
      res.on('close', () => finish());
    } catch (err) {
      finish(toBerthError(err, endpoint));
    }
  };
  void start();

  const iterator: AsyncIterableIterator<LogChunk> = {
    next() {
      if (queue.length) {
        const value = queue.shift()!;
        if (paused && queue.length <= LOW_WATER && state === 'open') {
          paused = false;
          body?.resume();
        }
        return Promise.resolve({ done: false, value });
      }
      if (paused && state === 'open') {
        paused = false;
        body?.resume();
      }
      if (state === 'done') return Promise.resolve({ done: true, value: undefined });
      if (state === 'ended') {
        state = 'done';
        return failure !== undefined ? Promise.reject(failure) : Promise.resolve({ done: true, value: undefined });
      }
      return new Promise((resolve, reject) => (waiter = { resolve, reject }));
    },
    return() {
      close();
      return Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
