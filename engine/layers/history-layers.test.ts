import { describe, expect, it, vi } from 'vitest';
import { decideLayers, type HistoryStep } from './history-layers.js';

const base: HistoryStep = { size: 1_984_179, createdBy: '', id: 'sha256:base' };
const add: HistoryStep = { size: 8, createdBy: '/bin/sh -c echo hello > /file', id: 'sha256:add' };
const rm: HistoryStep = { size: 0, createdBy: '/bin/sh -c rm /file', id: 'sha256:rm' };
const env: HistoryStep = { size: 0, createdBy: '/bin/sh -c #(nop)  ENV A=1', id: 'sha256:env' };
const noop: HistoryStep = { size: 0, createdBy: '/bin/sh -c true', id: 'sha256:noop' };
const workdir: HistoryStep = { size: 0, createdBy: '/bin/sh -c #(nop) WORKDIR /', id: 'sha256:workdir' };

const never = () => Promise.reject(new Error('not asked'));

describe('decideLayers: which history steps made a filesystem layer', () => {
  it('a step that only deletes files (0 bytes) is a layer when the image has room for it; config-only steps are not', async () => {
    expect(await decideLayers([base, add, rm, env], 3, never)).toEqual([true, true, true, false]);
    // BuildKit's wording.
    const bk = [base, { size: 0, createdBy: 'RUN /bin/sh -c rm -r /d # buildkit' }, { size: 0, createdBy: 'CMD ["sh"]' }, { size: 0, createdBy: 'LABEL a=b' }];
    expect(await decideLayers(bk, 2, never)).toEqual([true, true, false, false]);
  });

  it('0-byte steps are no layers when the steps with bytes already make up the image', async () => {
    expect(await decideLayers([base, add, noop, env], 2, never)).toEqual([true, true, false, false]);
  });

  it('some but not all 0-byte steps are layers: each step\'s own image says which (the classic builder keeps them)', async () => {
    const layers: Record<string, number> = { 'sha256:base': 1, 'sha256:add': 2, 'sha256:rm': 3, 'sha256:env': 3, 'sha256:noop': 3, 'sha256:workdir': 3 };
    const layersOf = vi.fn(async (id: string) => layers[id]);
    expect(await decideLayers([base, add, rm, env, noop, workdir], 3, layersOf)).toEqual([true, true, true, false, false, false]);
    // Only the open steps and the steps before them were looked up, each once.
    expect(layersOf.mock.calls.map((c) => c[0])).toEqual(['sha256:rm', 'sha256:add', 'sha256:noop', 'sha256:env', 'sha256:workdir']);
  });

  it('what cannot be settled (no step images: a pulled image; a failed lookup) counts as a layer, never as empty', async () => {
    const pulled = [base, add, rm, env, noop].map(({ id: _id, ...s }) => s);
    expect(await decideLayers(pulled, 3, never)).toEqual([true, true, true, false, true]);
    expect(await decideLayers([base, add, rm, env, noop], 3, never)).toEqual([true, true, true, false, true]);
  });
});
