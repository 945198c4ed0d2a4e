import { describe, expect, it } from 'vitest';
import { emptyTransfer, overallLine, phaseText, reduceTransfer } from './transfer-state.js';

describe('transfer state', () => {
  it('keeps one entry per layer in first-seen order, the latest overall and status, and the end', () => {
    let s = reduceTransfer(emptyTransfer, [
      { kind: 'status', message: 'Pulling from x' },
      { kind: 'layer', layer: { id: 'l1', phase: 'exists', status: 'Already exists', fraction: 1 } },
      { kind: 'layer', layer: { id: 'l2', phase: 'downloading', status: 'Downloading', transfer: { current: 1, total: 4 }, fraction: 0.175 } },
      { kind: 'overall', overall: { layers: 2, done: 1, transfer: { current: 1, total: 4 }, fraction: 0.5875 } },
    ]);
    s = reduceTransfer(s, [
      { kind: 'layer', layer: { id: 'l2', phase: 'complete', status: 'Pull complete', fraction: 1 } },
      { kind: 'done', reference: 'x:1', message: 'Pulled x:1', digest: 'sha256:1' },
    ]);
    expect(s.layers.map((l) => [l.id, l.phase])).toEqual([
      ['l1', 'exists'],
      ['l2', 'complete'],
    ]);
    expect(s.status).toBe('Pulling from x');
    expect(s.overall?.done).toBe(1);
    expect(s.done).toEqual({ reference: 'x:1', message: 'Pulled x:1', digest: 'sha256:1' });
    expect(phaseText(s.layers[1]!, 'pull')).toBe('Pull complete');
    expect(phaseText(s.layers[1]!, 'push')).toBe('Pushed');
    expect(phaseText(s.layers[0]!, 'pull')).toBe('Already exists');
  });

  it('the line above the overall bar: the status while running, never "Starting…" once the transfer failed or was cancelled', () => {
    const started = reduceTransfer(emptyTransfer, [{ kind: 'status', message: 'Pulling from nope/bb' }]);
    expect(overallLine(emptyTransfer, 'idle')).toBeUndefined();
    expect(overallLine(emptyTransfer, 'running')).toEqual({ text: 'Starting…' });
    expect(overallLine(started, 'running')).toEqual({ text: 'Pulling from nope/bb' });
    // Refused before any layer moved (unknown tag, no login, unreachable registry): no progress to show at all.
    expect(overallLine(emptyTransfer, 'error')).toBeUndefined();
    expect(overallLine(started, 'error')).toBeUndefined();
    expect(overallLine(started, 'cancelled')).toBeUndefined();
    // Failed or cancelled midway: the layers stay, the headline says how it ended.
    const midway = reduceTransfer(started, [{ kind: 'layer', layer: { id: 'l1', phase: 'preparing', status: 'Preparing', fraction: 0 } }]);
    expect(overallLine(midway, 'error')).toEqual({ text: 'Failed', ended: 'failed' });
    expect(overallLine(midway, 'cancelled')).toEqual({ text: 'Cancelled', ended: 'cancelled' });
    expect(overallLine(reduceTransfer(emptyTransfer, [{ kind: 'done', reference: 'x:1', message: 'Pulled x:1' }]), 'done')).toEqual({ text: 'Pulled x:1' });
  });
});
