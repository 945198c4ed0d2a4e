import { containerPath, inspectContainer, listContainers } from '../adapter/calls.js';
import type { EngineAdapter, HeldStream } from '../adapter/engine-adapter.js';
import { LineDecoder } from '../streams/line-decoder.js';
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

export function engineStatsSource(engine: EngineAdapter, log: (line: string) => void = () => undefined): StatsSource {
  const source: StatsSource = {
    async inspect(id, signal) {
      const info = await inspectContainer(engine, id, signal);
      return { id: info.Id, running: !!info.State.Running && !info.State.Restarting };
    },
    async *open(id, signal) {
      const stream = await engine.stream({ path: `${containerPath(id)}/stats`, query: { stream: true }, signal });
      const onAbort = () => stream.destroy();
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
        stream.destroy();
      }
    },
    hold: (id, signal) => engine.held({ path: `${containerPath(id)}/stats`, query: { stream: 1 }, signal, maxLineLength: 256 * 1024 }),
    async running(signal) {
      const list = await listContainers(engine, { all: false }, signal);
      return list.flatMap((c) => (c.Id ? [c.Id] : []));
    },
  };
  return source;
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
