import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../contract/models/images.js';
import { readable } from '../errors.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { fakeEngine } from '../testing/fake-engine.js';
import { HELPER_LABEL } from '../volumes/helper-label.js';
import { conflictMessage, containersNamedIn, describeContainers, inUseMessage, prunePreview, pruneImages } from './image-remove.js';

const img = (id: string, over: Partial<ImageSummary> = {}): ImageSummary => ({
  id: `sha256:${id.padEnd(64, '0')}`,
  shortId: id.padEnd(12, '0'),
  repoTags: [`${id}:latest`],
  repoDigests: [],
  dangling: false,
  created: 0,
  size: 1000,
  containers: [],
  labels: {},
  ...over,
});

describe('prune preview math', () => {
  const images = [
    img('a', { size: 5000, sharedSize: 2000, uniqueSize: 3000 }), // unused, tagged
    img('b', { repoTags: [], dangling: true, size: 700, sharedSize: 200, uniqueSize: 500 }), // dangling
    img('c', { repoTags: [], dangling: true, size: 900, sharedSize: 0, uniqueSize: 900, containers: [{ id: 'x', name: 'keep', state: 'exited' }] }), // dangling but used
    img('d', { size: 400 }), // unused, disk usage unknown: its full size counts
    img('e', { size: 100, sharedSize: 100, uniqueSize: 0, containers: [{ id: 'y', name: 'web', state: 'running' }] }),
  ];

  it('dangling: only untagged images no container uses', () => {
    const p = prunePreview(images, 'dangling');
    expect(p.images.map((i) => i.shortId.charAt(0))).toEqual(['b']);
    expect(p.reclaimable).toBe(500);
  });

  it('unused: every image without containers, biggest first, unique sizes summed', () => {
    const p = prunePreview(images, 'unused');
    expect(p.images.map((i) => i.shortId.charAt(0))).toEqual(['a', 'b', 'd']);
    expect(p.reclaimable).toBe(3000 + 500 + 400);
  });

  it('nothing to prune', () => {
    expect(prunePreview([images[4]!], 'unused')).toEqual({ mode: 'unused', images: [], reclaimable: 0 });
  });
});

describe('remove messages', () => {
  it('names the blocking containers and their state', () => {
    expect(inUseMessage('web:1', [{ id: '1', name: 'web-1', state: 'running' }])).toBe('Image web:1 is used by container web-1 (running) — stop and remove it first, or force');
    expect(inUseMessage('x', [{ id: '1', name: 'a', state: 'exited' }, { id: '2', name: 'b', state: 'created' }])).toBe(
      'Image x is used by containers a (exited) and b (created) — remove them first, or force',
    );
    expect(describeContainers(['a', 'b', 'c', 'd', 'e'].map((n) => ({ id: n, name: n, state: 'exited' })))).toBe('a (exited), b (exited), c (exited) and 2 more');
  });

  it('finds the containers an engine 409 message names', () => {
    const all = [
      { id: '552843f028ebe50e6f4b94770d5d577624c9923f52f7b0f03201e2a85ee27e73', name: 'web-1', state: 'running' },
      { id: 'ffff', name: 'other', state: 'exited' },
    ];
    const msg = 'conflict: unable to delete 9a2dea7984a0 (cannot be forced) - image is being used by running container 552843f028eb';
    expect(containersNamedIn(msg, all).map((c) => c.name)).toEqual(['web-1']);
  });

  it('a forced removal that a running container blocks says so, from the engine text kept under the readable one', () => {
    const engine = 'conflict: unable to delete 9a2dea7984a0 (cannot be forced) - image is being used by running container 552843f028eb';
    const err = readable(engine, 'CONFLICT', { statusCode: 409 });
    expect(err.message).not.toMatch(/cannot be forced/); // rewritten: the test below must read details
    const said = (err.details as { engineMessage: string }).engineMessage;
    const web = [{ id: '552843f028eb', name: 'web-1', state: 'running' }];
    expect(conflictMessage('x:1', said, web)).toBe('Image x:1 is used by container web-1 (running) — stop it first: even force cannot remove an image a running container uses');
    expect(conflictMessage('x:1', 'conflict: unable to delete 9a2dea7984a0 (must be forced) - image is being used by stopped container 552843f028eb', [{ ...web[0]!, state: 'exited' }])).toBe(
      'Image x:1 is used by container web-1 (exited) — remove it first, or force',
    );
  });
});

describe('prune through the engine', () => {
  it.each(['dangling', 'unused'] as const)('%s: leaves Berth’s helper image alone, as the preview (which never lists it) does', async (mode) => {
    const engine = fakeEngine({ json: (async () => ({ ImagesDeleted: [], SpaceReclaimed: 0 })) as EngineAdapter['json'] });
    await pruneImages(engine, mode);
    expect(engine.seen[0]?.path).toBe('/images/prune');
    expect(engine.seen[0]?.query?.filters).toEqual({ dangling: [mode === 'dangling' ? 'true' : 'false'], 'label!': [HELPER_LABEL] });
  });
});
