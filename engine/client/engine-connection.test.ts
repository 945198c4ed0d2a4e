import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeEngine } from '../testing/fake-engine.js';
import { createEngineConnection, reconnectBackoff } from './engine-connection.js';

describe('engine connection: event stream reconnects', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Attempts to open /events over `seconds` of an engine that is down (its socket refuses). */
  async function attemptsWhileDown(host: string, seconds: number): Promise<number> {
    const engine = fakeEngine({
      endpoint: { host, source: 'setting' },
      json: (() => Promise.resolve({ SystemTime: '2026-12-07T00:00:00.000000000Z' })) as never,
      stream: () => Promise.reject(new Error('connect ECONNREFUSED')),
    });
    const conn = createEngineConnection(engine, true);
    void conn.hub.start();
    await vi.advanceTimersByTimeAsync(seconds * 1000);
    conn.hub.dispose();
    return engine.seen.filter((r) => r.path === '/events').length;
  }

  it('a socket on this computer is tried at least every 2 s, so a restarted dockerd is seen within 2 s', async () => {
    // 0, 0.25, 0.75, 1.75, 3.75, then every 2 s to 19.75: 13 tries in 20 s (the 10 s cap would make 7).
    expect(await attemptsWhileDown('unix:///run/berth/docker.sock', 20)).toBe(13);
  });

  it('a remote engine backs off to 10 s', async () => {
    // 0, 0.25, 0.75, 1.75, 3.75, 7.75, 15.75.
    expect(await attemptsWhileDown('tcp://10.0.0.5:2376', 20)).toBe(7);
  });

  it('names npipe (Docker Desktop on Windows) local too, and SSH remote', () => {
    expect(reconnectBackoff('npipe:////./pipe/docker_engine').maxMs).toBe(2000);
    expect(reconnectBackoff('ssh://me@build-box').maxMs).toBe(10_000);
  });
});
