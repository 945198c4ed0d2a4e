import { describe, expect, it } from 'vitest';
import { withoutFinished, type Transfer } from './use-transfers.js';

const t = (key: number, status: Transfer['status']): Transfer => ({ key, direction: 'upload', name: `f${key}`, done: 0, total: 1, status });

describe('withoutFinished', () => {
  it('keeps only what still runs', () => {
    expect(withoutFinished([t(1, 'done'), t(2, 'running'), t(3, 'failed'), t(4, 'cancelled'), t(5, 'running')]).map((x) => x.key)).toEqual([2, 5]);
    expect(withoutFinished([t(1, 'done')])).toEqual([]);
  });
});
