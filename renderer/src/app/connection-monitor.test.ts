import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BerthError } from '../../../contract/index.js';
import { createConnectionMonitor, type BackendState } from './connection-monitor.js';

function controlledProbe() {
  const calls: { resolve(v?: unknown): void; reject(e: unknown): void }[] = [];
  const probe = () => new Promise((resolve, reject) => calls.push({ resolve, reject }));
  return { calls, probe };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('createConnectionMonitor', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts connecting and becomes connected when the probe answers', async () => {
    const p = controlledProbe();
    const states: BackendState[] = [];
    const m = createConnectionMonitor({ probe: p.probe, onChange: (s) => states.push(s) });
    expect(m.state).toBe('connecting');
    p.calls[0]?.resolve();
    await flush();
    expect(m.state).toBe('connected');
    expect(states).toEqual(['connected']);
    m.dispose();
  });

  it('probes again after the interval while connected', async () => {
    const p = controlledProbe();
    const m = createConnectionMonitor({ probe: p.probe, onChange: () => undefined, intervalMs: 1000 });
    p.calls[0]?.resolve();
    await flush();
    await vi.advanceTimersByTimeAsync(999);
    expect(p.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(p.calls).toHaveLength(2);
    m.dispose();
  });

  it('reports unreachable on a transport error, and stops probing', async () => {
    const p = controlledProbe();
    const m = createConnectionMonitor({ probe: p.probe, onChange: () => undefined, intervalMs: 1000 });
    p.calls[0]?.reject(new BerthError('TRANSPORT', 'lost'));
    await flush();
    expect(m.state).toBe('unreachable');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(p.calls).toHaveLength(1);
    m.dispose();
  });

  it('treats any other error as an answer from the back end', async () => {
    const p = controlledProbe();
    const m = createConnectionMonitor({ probe: p.probe, onChange: () => undefined });
    p.calls[0]?.reject(new BerthError('ENGINE_UNAVAILABLE', 'no docker'));
    await flush();
    expect(m.state).toBe('connected');
    m.dispose();
  });

  it('reports unreachable when a probe times out, and connected when it finally answers', async () => {
    const p = controlledProbe();
    const m = createConnectionMonitor({ probe: p.probe, onChange: () => undefined, timeoutMs: 500 });
    await vi.advanceTimersByTimeAsync(500);
    expect(m.state).toBe('unreachable');
    p.calls[0]?.resolve();
    await flush();
    expect(m.state).toBe('connected');
    m.dispose();
  });

  it('recovers on markAlive and resumes probing', async () => {
    const p = controlledProbe();
    const m = createConnectionMonitor({ probe: p.probe, onChange: () => undefined, intervalMs: 1000 });
    p.calls[0]?.reject(new BerthError('TRANSPORT', 'lost'));
    await flush();
    m.markAlive();
    expect(m.state).toBe('connected');
    await vi.advanceTimersByTimeAsync(1000);
    expect(p.calls).toHaveLength(2);
    m.dispose();
  });

  it('does nothing after dispose', async () => {
    const p = controlledProbe();
    const states: BackendState[] = [];
    const m = createConnectionMonitor({ probe: p.probe, onChange: (s) => states.push(s), intervalMs: 10 });
    m.dispose();
    p.calls[0]?.resolve();
    await vi.advanceTimersByTimeAsync(1000);
    m.markAlive();
    expect(states).toEqual([]);
    expect(p.calls).toHaveLength(1);
  });

  it('the transport closing means unreachable at once; its reopening probes at once', async () => {
    const p = controlledProbe();
    const states: BackendState[] = [];
    const m = createConnectionMonitor({ probe: p.probe, onChange: (s) => states.push(s), timeoutMs: 60_000 });
    p.calls[0]!.resolve();
    await flush();
    m.transport('closed');
    expect(m.state).toBe('unreachable');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(p.calls).toHaveLength(1); // nothing probes a closed transport
    m.transport('open');
    expect(p.calls).toHaveLength(2);
    p.calls[1]!.resolve();
    await flush();
    expect(states).toEqual(['connected', 'unreachable', 'connected']);
    m.dispose();
  });

  it('probes rarely by default (every 15 s while connected)', async () => {
    const p = controlledProbe();
    const m = createConnectionMonitor({ probe: p.probe, onChange: () => undefined });
    p.calls[0]!.resolve();
    await flush();
    await vi.advanceTimersByTimeAsync(14_999);
    expect(p.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(p.calls).toHaveLength(2);
    m.dispose();
  });
});
