import { describe, expect, it } from 'vitest';
import { cleanupPreview, diskUsageFigures, type RawDf } from './df-figures.js';

const df: RawDf = {
  LayersSize: 1000,
  Images: [
    { Id: 'sha256:base', RepoTags: ['base:1'], Size: 600, SharedSize: 0, Containers: 1 },
    { Id: 'sha256:old', RepoTags: ['old:1'], Size: 300, SharedSize: 100, Containers: 1 },
    { Id: 'sha256:unused', RepoTags: ['<none>:<none>'], Size: 150, SharedSize: 50, Containers: 0 },
    { Id: 'sha256:helper', RepoTags: ['berth-helper:1'], Size: 0, SharedSize: 0, Containers: 1, Labels: { 'dev.berth.helper': 'volume' } },
  ],
  Containers: [
    { Id: 'c-run', Names: ['/web'], ImageID: 'sha256:base', State: 'running', SizeRw: 40, Mounts: [{ Type: 'volume', Name: 'live' }] },
    { Id: 'c-exit', Names: ['/job'], ImageID: 'sha256:old', State: 'exited', SizeRw: 25, Mounts: [{ Type: 'volume', Name: 'jobdata' }] },
    { Id: 'c-help', Names: ['/helper'], ImageID: 'sha256:helper', State: 'created', SizeRw: 0, Labels: { 'dev.berth.helper': 'volume' }, Mounts: [{ Type: 'volume', Name: 'browsed' }] },
  ],
  Volumes: [
    { Name: 'live', UsageData: { Size: 10, RefCount: 1 } },
    { Name: 'jobdata', UsageData: { Size: 20, RefCount: 1 } },
    { Name: 'orphan', UsageData: { Size: 30, RefCount: 0 } },
    { Name: 'browsed', UsageData: { Size: 70, RefCount: 1 } },
    { Name: 'unknown', UsageData: { Size: -1, RefCount: 0 } },
  ],
  BuildCache: [
    { ID: 'bc1', Description: 'mount / from exec /bin/sh -c make', Size: 500, InUse: false, Shared: false },
    { ID: 'bc2', Size: 200, InUse: true, Shared: false },
    { ID: 'bc3', Size: 900, InUse: false, Shared: true },
  ],
};

describe('disk usage figures', () => {
  it('figures each kind as `docker system df` does', () => {
    const u = diskUsageFigures(df, 5);
    expect(u.measuredAt).toBe(5);
    expect(u.kinds).toEqual([
      // used: base (600) + old (300 − 100) + helper (0) = 800 of 1000 layers.
      { kind: 'images', count: 4, active: 3, size: 1000, reclaimable: 200 },
      { kind: 'containers', count: 3, active: 1, size: 65, reclaimable: 25 },
      { kind: 'volumes', count: 5, active: 3, size: 130, reclaimable: 30 },
      { kind: 'buildCache', count: 3, active: 1, size: 700, reclaimable: 500 },
    ]);
  });

  it('never calls reclaimable what the images in use share with each other (docker/cli#1751)', () => {
    // Two images in use on one 1,000-byte base, plus a 40-byte image nothing uses. The CLI's figure,
    // 1,046 − (6 + 0), claims the shared base: 1,040 "reclaimable" while a prune frees 40.
    const shared: RawDf = {
      LayersSize: 1046,
      Images: [
        { Id: 'sha256:app', RepoTags: ['app:1'], Size: 1006, SharedSize: 1000, Containers: 1 },
        { Id: 'sha256:base', RepoTags: ['base:1', 'base:latest'], Size: 1000, SharedSize: 1000, Containers: 11 },
        { Id: 'sha256:old', RepoTags: ['old:1'], Size: 40, SharedSize: 0, Containers: 0 },
      ],
    };
    expect(diskUsageFigures(shared, 0).kinds[0]).toEqual({ kind: 'images', count: 3, active: 2, size: 1046, reclaimable: 40 });
    expect(cleanupPreview(shared, ['images']).reclaimable).toBe(40);
  });

  it('an empty engine (null lists) is all zeros', () => {
    expect(diskUsageFigures({ LayersSize: 0, Images: null, Containers: null, Volumes: null, BuildCache: null }, 0).kinds.every((k) => k.count === 0 && k.size === 0)).toBe(true);
  });
});

describe('clean-up preview', () => {
  it('alone, each kind lists only what is unused now; Berth\'s helper and what it uses are left alone', () => {
    const p = cleanupPreview(df, ['images', 'volumes']);
    expect(p.kinds).toEqual([
      { kind: 'images', items: [{ id: 'sha256:unused', name: 'unused', size: 100 }], reclaimable: 100 },
      { kind: 'volumes', items: [{ id: 'orphan', name: 'orphan', size: 30 }, { id: 'unknown', name: 'unknown', size: 0 }], reclaimable: 30 },
    ]);
    expect(p.kept).toBe(false);
  });

  it('with containers, what only the stopped containers held goes too, in prune order', () => {
    const p = cleanupPreview(df, ['buildCache', 'volumes', 'images', 'containers']);
    expect(p.kinds.map((k) => k.kind)).toEqual(['containers', 'images', 'volumes', 'buildCache']);
    expect(p.kinds[0]).toEqual({ kind: 'containers', items: [{ id: 'c-exit', name: 'job', size: 25 }], reclaimable: 25 });
    expect(p.kinds[1]!.items.map((i) => i.name)).toEqual(['old:1', 'unused']);
    expect(p.kinds[2]!.items.map((i) => i.name)).toEqual(['orphan', 'jobdata', 'unknown']);
    expect(p.kinds[3]).toEqual({ kind: 'buildCache', items: [{ id: 'bc1', name: 'mount / from exec /bin/sh -c make', size: 500 }], reclaimable: 500 });
    expect(p.reclaimable).toBe(25 + 200 + 100 + 50 + 500);
  });
});
