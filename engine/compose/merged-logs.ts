import type { LogChunk } from '../../contract/models/container-logs.js';
import type { MergedLogLine } from '../../contract/models/compose.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { openLogStream } from '../logs/log-stream.js';

export interface MergedLogOptions {
  /** Lines per container from before now. */
  tail: number;
  follow: boolean;
}

/** Live lines from different containers that arrive within this window are put in timestamp order. */
const HOLD_MS = 60;
/** Most lines in one event. */
const BATCH = 5000;

type Source = (id: string, follow: boolean, tail: number, since: number | undefined) => AsyncIterableIterator<LogChunk>;

/**
 * Several containers' logs as one stream ordered by the engine's timestamps. First each container's
 * tail is read to its end and merged (a k-way merge: stable, ties by position in the list); then, when
 * following, each is followed from its last timestamp (lines at or before it dropped, so nothing is
 * lost or doubled in between) and lines arriving within HOLD_MS of one another are sorted. Pull-driven:
 * a source is read only when the consumer asks for more, so a flood waits in the engine's socket
 * (log-stream.ts pauses it). Aborting `signal` ends every source.
 */
export async function* mergedLogs(engine: EngineAdapter, ids: string[], options: MergedLogOptions, signal: AbortSignal, endpoint?: string): AsyncGenerator<MergedLogLine[]> {
  const open: Source = (id, follow, tail, since) =>
    openLogStream(engine, id, { follow, timestamps: true, tail, since, stdout: true, stderr: true }, signal, endpoint);
  yield* mergeSources(open, ids, options, signal);
}

export async function* mergeSources(open: Source, ids: string[], options: MergedLogOptions, signal: AbortSignal): AsyncGenerator<MergedLogLine[]> {
  const startedAt = Date.now();
  const tails = await Promise.all(ids.map(async (id, source) => {
    const lines: MergedLogLine[] = [];
    for await (const chunk of open(id, false, options.tail, undefined)) lines.push(...toLines(chunk, source));
    return lines;
  }));
  const last = tails.map((lines) => lines.reduce((m, l) => Math.max(m, l.ts ?? 0), 0));
  const merged = kWayMerge(tails);
  for (let i = 0; i < merged.length; i += BATCH) yield merged.slice(i, i + BATCH);
  if (!options.follow || signal.aborted) return;

  const iters = ids.map((id, source) => open(id, true, 0, (last[source] || startedAt - 1000) / 1000));
  const pending = new Map<number, Promise<{ source: number; r: IteratorResult<LogChunk> }>>();
  const request = (source: number) => pending.set(source, iters[source]!.next().then((r) => ({ source, r })));
  iters.forEach((_, s) => request(s));
  try {
    while (pending.size && !signal.aborted) {
      const held: MergedLogLine[] = [];
      const take = ({ source, r }: { source: number; r: IteratorResult<LogChunk> }) => {
        pending.delete(source);
        if (r.done) return;
        for (const l of toLines(r.value, source)) if (l.ts === null || l.ts > last[source]!) held.push(l);
        request(source);
      };
      take(await Promise.race(pending.values()));
      const until = Date.now() + HOLD_MS;
      while (pending.size && held.length < BATCH) {
        const left = until - Date.now();
        if (left <= 0) break;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const next = await Promise.race([...pending.values(), new Promise<undefined>((res) => {
          timer = setTimeout(() => res(undefined), left);
        })]);
        clearTimeout(timer);
        if (!next) break;
        take(next);
      }
      if (held.length) yield stableSort(held);
    }
  } finally {
    await Promise.all(iters.map((it) => it.return?.()));
  }
}

function toLines(chunk: LogChunk, source: number): MergedLogLine[] {
  return chunk.text.split('\n').map((text, i) => ({ source, stream: chunk.stream, ts: chunk.ts?.[i] ?? null, text }));
}

const key = (l: MergedLogLine) => l.ts ?? -Infinity;

function stableSort(lines: MergedLogLine[]): MergedLogLine[] {
  return lines.map((l, i) => [l, i] as const).sort((a, b) => key(a[0]) - key(b[0]) || a[0].source - b[0].source || a[1] - b[1]).map(([l]) => l);
}

/** Merge lists that are each in timestamp order; equal timestamps keep the lists' order. */
export function kWayMerge(lists: MergedLogLine[][]): MergedLogLine[] {
  const out: MergedLogLine[] = [];
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let s = 0; s < lists.length; s++) {
      const l = lists[s]![at[s]!];
      if (l && (best < 0 || key(l) < key(lists[best]![at[best]!]!))) best = s;
    }
    if (best < 0) return out;
    out.push(lists[best]![at[best]!++]!);
  }
}
