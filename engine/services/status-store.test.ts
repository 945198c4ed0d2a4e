import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../contract/model.js';
import { StatusStore } from './status-store.js';

const stopped: EngineStatus = { state: 'stopped', managed: false };
const starting: EngineStatus = { state: 'starting', managed: false, message: 'Looking…' };
const running: EngineStatus = { state: 'running', managed: false, endpoint: { host: 'unix:///x.sock', source: 'default' } };

describe('StatusStore', () => {
  it('streams the current value first, then changes, without repeating equal values', async () => {
    const s = new StatusStore(stopped);
    const changes = s.changes();
    await expect(changes.next()).resolves.toEqual({ done: false, value: stopped });
    s.set(starting);
    await expect(changes.next()).resolves.toEqual({ done: false, value: starting });
    s.set({ ...starting });
    s.set(running);
    await expect(changes.next()).resolves.toEqual({ done: false, value: running });
  });

  it('keeps only the latest value for a slow consumer', async () => {
    const s = new StatusStore(stopped);
    const changes = s.changes();
    s.set(starting);
    s.set(running);
    await expect(changes.next()).resolves.toEqual({ done: false, value: running });
  });

  it('close() delivers the final value then ends every stream; later streams end at once', async () => {
    const s = new StatusStore(running);
    const changes = s.changes();
    await changes.next();
    s.close(stopped);
    await expect(changes.next()).resolves.toEqual({ done: false, value: stopped });
    await expect(changes.next()).resolves.toMatchObject({ done: true });
    const late = s.changes();
    await expect(late.next()).resolves.toEqual({ done: false, value: stopped });
    await expect(late.next()).resolves.toMatchObject({ done: true });
    s.set(running);
    expect(s.get()).toEqual(stopped);
  });

  it('stops listening when the stream is aborted', async () => {
    const s = new StatusStore(stopped);
    const ctl = new AbortController();
    const changes = s.changes(ctl.signal);
    await changes.next();
    ctl.abort();
    s.set(running);
    await expect(changes.next()).resolves.toMatchObject({ done: true });
  });
});
