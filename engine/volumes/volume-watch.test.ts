import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../contract/model.js';
import type { VolumeSummary, VolumeUser } from '../../contract/models/volumes.js';
import { HELPER_LABEL } from './helper-label.js';
import type { VolumeReader } from './volume-reader.js';
import { volumeSource } from './volume-watch.js';

const vol = (name: string, usedBy: VolumeUser[] = []): VolumeSummary => ({ name, driver: 'local', scope: 'local', mountpoint: '', labels: {}, options: {}, createdAt: null, anonymous: false, usedBy });
const ev = (type: string, action: string, id: string, attributes: Record<string, string> = {}): EngineEvent => ({ type, action, id, attributes, time: 0 });

describe('volumeSource', () => {
  const users = new Map<string, VolumeUser[]>([['a', [{ id: 'c1', name: 'web', running: true }]]]);
  const reader = { users: async () => users } as unknown as VolumeReader;
  const source = volumeSource(reader);

  it('routes volume events by name: destroy removes, anything else re-reads', () => {
    expect(source.route(ev('volume', 'destroy', 'a'))).toEqual({ key: 'a', op: 'remove' });
    expect(source.route(ev('volume', 'create', 'b'))).toEqual({ key: 'b', op: 'refresh' });
    expect(source.route(ev('volume', 'unmount', 'b'))).toEqual({ key: 'b', op: 'refresh' });
    expect(source.route(ev('container', 'create', 'c1'))).toBeUndefined();
  });

  it('re-reads who uses which volume after container events, but not after a helper’s', async () => {
    const refresh = source.refreshes![0]!;
    expect(refresh.on!(ev('container', 'destroy', 'c1'))).toBe(true);
    expect(refresh.on!(ev('container', 'exec_start: sh', 'c1'))).toBe(false);
    expect(refresh.on!(ev('container', 'create', 'h1', { [HELPER_LABEL]: 'volume' }))).toBe(false);
    const known = new Map([
      ['a', vol('a')],
      ['b', vol('b')],
    ]);
    const { changed } = await refresh.run({ known, signal: new AbortController().signal, events: [] });
    expect(changed).toEqual([vol('a', [{ id: 'c1', name: 'web', running: true }])]);
  });
});
