import { describe, expect, it } from 'vitest';
import type { LogChunk } from '../../contract/models/container-logs.js';
import { kWayMerge, mergeSources } from './merged-logs.js';

function iter(chunks: LogChunk[], hold?: Promise<void>): AsyncIterableIterator<LogChunk> {
  let i = 0;
  const it: AsyncIterableIterator<LogChunk> = {
    async next() {
      if (i === chunks.length && hold) await hold;
      return i < chunks.length ? { done: false, value: chunks[i++]! } : { done: true, value: undefined };
    },
    return: () => Promise.resolve({ done: true, value: undefined }),
    [Symbol.asyncIterator]: () => it,
  };
  return it;
}
const chunk = (text: string[], ts: number[], stream: 'stdout' | 'stderr' = 'stdout'): LogChunk => ({ stream, text: text.join('\n'), count: text.length, ts });

describe('merged logs', () => {
  it('merges tails by timestamp, ties kept in list order', () => {
    const a = [{ source: 0, stream: 'stdout' as const, ts: 1, text: 'a1' }, { source: 0, stream: 'stdout' as const, ts: 5, text: 'a5' }];
    const b = [{ source: 1, stream: 'stdout' as const, ts: 1, text: 'b1' }, { source: 1, stream: 'stdout' as const, ts: 3, text: 'b3' }];
    expect(kWayMerge([a, b]).map((l) => l.text)).toEqual(['a1', 'b1', 'b3', 'a5']);
  });

  it('follows each source from its last timestamp without doubling a line, and sorts what arrives together', async () => {
    const calls: { id: string; follow: boolean; since?: number }[] = [];
    const open = (id: string, follow: boolean, _tail: number, since: number | undefined) => {
      calls.push({ id, follow, since });
      if (!follow) return iter(id === 'a' ? [chunk(['a1', 'a3'], [1000, 3000])] : [chunk(['b2'], [2000], 'stderr')]);
      // The engine's `since` is inclusive: the last tail line comes again and must be dropped.
      return iter(id === 'a' ? [chunk(['a3', 'a6'], [3000, 6000])] : [chunk(['b2', 'b5'], [2000, 5000])]);
    };
    const out: string[][] = [];
    for await (const batch of mergeSources(open, ['a', 'b'], { tail: 10, follow: true }, new AbortController().signal)) out.push(batch.map((l) => `${l.source}:${l.text}`));
    expect(out[0]).toEqual(['0:a1', '1:b2', '0:a3']);
    expect(out.slice(1).flat()).toEqual(['1:b5', '0:a6']);
    expect(calls.filter((c) => c.follow).map((c) => [c.id, c.since])).toEqual([['a', 3], ['b', 2]]);
  });
});
