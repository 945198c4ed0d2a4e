import { containerPath, inspectContainer } from '../adapter/calls.js';
import type { EngineAdapter, RawBody } from '../adapter/engine-adapter.js';
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
  /**
   * Send an empty chunk (count 0) first, as soon as the engine has answered: a viewer then knows the
   * log is open, and empty so far, instead of still loading (a container that has printed nothing).
   */
  announceOpen?: boolean;
}

/**
 * The queue is full at this many chunks or this much text (characters, plus one per line); the engine's
 * socket is then paused, and resumed once both are back under the low marks.
 */
const HIGH_WATER_CHUNKS = 64;
const LOW_WATER_CHUNKS = 16;
const HIGH_WATER_CHARS = 4 * 1024 * 1024;
const LOW_WATER_CHARS = 1024 * 1024;
/** Most lines, and most characters, in one event (a longer single line still makes one event). */
const MAX_CHUNK_LINES = 10_000;
const MAX_CHUNK_CHARS = 1024 * 1024;
/**
 * The engine sends each line as its own HTTP chunk (a socket read brings a few of them). Reads are
 * gathered for this long and then demultiplexed, decoded and split in one pass, so a flood costs a few
 * hundred passes a second instead of one per line. A trickle waits this long at most.
 */
const GATHER_MS = 4;
/** …or until this many bytes are waiting. */
const GATHER_BYTES = 256 * 1024;

const weight = (c: LogChunk) => c.text.length + c.count;

/**
 * GET /containers/{id}/logs as an AsyncIterable of LogChunks. The container's TTY setting decides how
 * the body is read: multiplexed frames (8-byte headers) or one plain stream. Bounded: when the consumer
 * falls HIGH_WATER chunks or characters behind, the engine's socket is paused until it catches up, so a
 * container that floods its log never fills memory. `return()` or the signal destroys the engine stream
 * at once.
 */
export function openLogStream(engine: EngineAdapter, ref: string, options: LogStreamOptions, signal: AbortSignal, endpoint?: string): AsyncIterableIterator<LogChunk> {
  const queue: LogChunk[] = [];
  let waiter: { resolve(r: IteratorResult<LogChunk>): void; reject(e: unknown): void } | undefined;
  let state: 'open' | 'ended' | 'done' = 'open';
  let failure: unknown;
  let body: RawBody | undefined;
  let paused = false;
  /** Sum of weight() over the queue. */
  let queued = 0;

  const close = () => {
    if (state === 'done') return;
    state = 'done';
    queue.length = 0;
    queued = 0;
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
      w.resolve({ done: false, value: dequeue() });
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
    if (last && last.count > 0 && last.stream === chunk.stream && !last.ts === !chunk.ts && last.count + chunk.count <= MAX_CHUNK_LINES && last.text.length + chunk.text.length < MAX_CHUNK_CHARS) {
      queued += weight(chunk) + 1; // the "\n" between them
      last.text = `${last.text}\n${chunk.text}`;
      last.count += chunk.count;
      if (last.ts && chunk.ts) for (const t of chunk.ts) last.ts.push(t);
    } else {
      queued += weight(chunk);
      queue.push(chunk);
    }
  };

  const dequeue = (): LogChunk => {
    const chunk = queue.shift()!;
    queued -= weight(chunk);
    return chunk;
  };

  const full = () => queue.length >= HIGH_WATER_CHUNKS || queued >= HIGH_WATER_CHARS;
  const drained = () => queue.length <= LOW_WATER_CHUNKS && queued <= LOW_WATER_CHARS;

  const finish = (err?: unknown) => {
    if (state !== 'open') return;
    state = 'ended';
    failure = err;
    signal.removeEventListener('abort', close);
    settle();
  };

  const start = async () => {
    try {
      const info = await inspectContainer(engine, ref, signal);
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
      // The adapter reads it on a socket of its own where the transport allows (one 'data' per socket
      // read, not one per line: the engine sends every line as its own HTTP chunk).
      const res = await engine.rawGet({ path: `${containerPath(ref)}/logs`, query, signal });
      if (state !== 'open') {
        res.destroy();
        return;
      }
      body = res;
      if (options.announceOpen) {
        queue.push({ stream: 'stdout', text: '', count: 0 });
        settle();
      }
      const assembler = new LogAssembler({ timestamps: options.timestamps, maxChunkLines: MAX_CHUNK_LINES, maxChunkChars: MAX_CHUNK_CHARS });
      const demuxer = info.Config?.Tty ? undefined : new FrameDemuxer();
      let gathered: Buffer[] = [];
      let gatheredBytes = 0;
      let gatherTimer: ReturnType<typeof setTimeout> | undefined;
      /** Demultiplex, decode and split everything gathered, queue the chunks, and pause if full. */
      const parseGathered = () => {
        if (gatherTimer) clearTimeout(gatherTimer);
        gatherTimer = undefined;
        if (state !== 'open' || !gathered.length) return;
        const data = gathered.length === 1 ? gathered[0]! : Buffer.concat(gathered, gatheredBytes);
        gathered = [];
        gatheredBytes = 0;
        if (demuxer) for (const piece of demuxer.push(data)) assembler.push(piece.stream, piece.data);
        else assembler.push('stdout', data);
        for (const chunk of assembler.take()) enqueue(chunk);
        settle();
        if (!paused && full()) {
          paused = true;
          res.pause();
        }
      };
      res.on('data', (buf: Buffer) => {
        if (state !== 'open') return;
        gathered.push(buf);
        gatheredBytes += buf.length;
        if (gatheredBytes >= GATHER_BYTES) parseGathered();
        else gatherTimer ??= setTimeout(parseGathered, GATHER_MS);
      });
      res.on('end', () => {
        if (state !== 'open') return;
        parseGathered();
        assembler.end();
        for (const chunk of assembler.take()) enqueue(chunk);
        settle();
        finish();
      });
      res.on('error', (err) => finish(toBerthError(err, endpoint)));
      res.on('close', () => {
        parseGathered();
        finish();
      });
      if (!paused) res.resume();
    } catch (err) {
      finish(toBerthError(err, endpoint));
    }
  };
  void start();

  const iterator: AsyncIterableIterator<LogChunk> = {
    next() {
      if (queue.length) {
        const value = dequeue();
        if (paused && drained() && state === 'open') {
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
