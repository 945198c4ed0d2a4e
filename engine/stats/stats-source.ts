import type Docker from 'dockerode';
import { LineDecoder } from '../streams/line-decoder.js';
import { heldTarget, openHeldStream, type HeldStream } from '../client/held-stream.js';
import type { RawStats } from './stats-calc.js';

/** Where raw stats come from: the engine's streaming endpoint, behind a small interface (fakes in tests). */
export interface StatsSource {
  /** The container's full id, and whether it runs; throws NOT_FOUND-able engine errors. */
  inspect(id: string, signal: AbortSignal): Promise<{ id: string; running: boolean }>;
  /**
   * GET /containers/{id}/stats?stream=true: one sample per second (its JSON text, unparsed: a reader
   * that only needs some of them parses only those) until aborted or the container stops.
   */
  open(id: string, signal: AbortSignal): AsyncIterable<string>;
  /**
   * The same stream, held: read only when drained (see HeldStream), for readers that want the newest
   * sample every few seconds rather than each one as it comes.
   */
  hold(id: string, signal: AbortSignal): Promise<HeldStream>;
  /** Full ids of the running containers. */
  running(signal: AbortSignal): Promise<string[]>;
}

type WithSignal<T> = T & { abortSignal?: AbortSignal };

export function dockerStatsSource(docker: Docker, log: (line: string) => void = () => undefined): StatsSource {
  const held = heldTarget(docker);
  const source: StatsSource = {
    async inspect(id, signal) {
      const info = await docker.getContainer(id).inspect({ abortSignal: signal } as WithSignal<object>);
      return { id: info.Id, running: info.State.Running && !info.State.Restarting };
    },
    async *open(id, signal) {
      const stream = (await docker.getContainer(id).stats({ stream: true, abortSignal: signal } as WithSignal<{ stream: true }>)) as unknown as AsyncIterable<Uint8Array> & {
        destroy?: () => void;
      };
      const onAbort = () => stream.destroy?.();
      signal.addEventListener('abort', onAbort, { once: true });
      const lines = new LineDecoder({ maxLineLength: 256 * 1024 });
      try {
        for await (const chunk of stream) {
          for (const item of lines.push(chunk)) {
            if (signal.aborted) return;
            if (item.kind === 'overflow') log(`stats ${id.slice(0, 12)}: a sample longer than ${item.limit} characters was skipped`);
            else if (item.text.trim()) yield item.text;
          }
        }
      } finally {
        signal.removeEventListener('abort', onAbort);
        stream.destroy?.();
      }
    },
    hold(id, signal) {
      if (held) return openHeldStream(held.target, `${held.prefix}/containers/${encodeURIComponent(id)}/stats?stream=1`, { signal, maxLineLength: 256 * 1024 });
      return Promise.resolve(readAhead(source.open(id, signal)));
    },
    async running(signal) {
      const list = await docker.listContainers({ all: false, abortSignal: signal } as WithSignal<Docker.ContainerListOptions>);
      return list.map((c) => c.Id);
    },
  };
  return source;
}

/** A stream read as it comes, behind the HeldStream interface: keeps only the newest line between drains. */
export function readAhead(lines: AsyncIterable<string>): HeldStream {
  let latest: string | undefined;
  let ended = false;
  const it = lines[Symbol.asyncIterator]();
  void (async () => {
    try {
      for (;;) {
        const r = await it.next();
        if (r.done) break;
        latest = r.value;
      }
    } catch {
      // An engine error ends the stream like the engine closing it.
    }
    ended = true;
  })();
  return {
    get ended() {
      return ended;
    },
    drain: async () => {
      const out = latest === undefined ? [] : [latest];
      latest = undefined;
      return out;
    },
    close: () => void it.return?.(),
  };
}

/** A stopped container's stream sends samples read at the zero time ("0001-01-01T00:00:00Z"). */
export function isStoppedSample(raw: RawStats): boolean {
  return typeof raw.read === 'string' && raw.read.startsWith('0001-01-01');
}

/** A sample's JSON text to RawStats; undefined (never a throw) for a bad line. */
export function parseStatsLine(text: string): RawStats | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as RawStats) : undefined;
  } catch {
    return undefined;
  }
}
