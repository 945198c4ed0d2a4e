import { instructionOf } from './instruction.js';

/** Instructions that only change the image's config: they never make a filesystem layer. */
const CONFIG_ONLY = new Set(['ARG', 'CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME']);

/** Most image inspections made to settle which 0-byte steps are layers. */
const MAX_LOOKUPS = 64;

/** One step of the engine's history (GET /images/{id}/history), in the order the decision needs: oldest first. */
export interface HistoryStep {
  size: number;
  createdBy: string;
  /** The step's own image, when the engine still has it (the classic builder keeps one per step). */
  id?: string;
}

/**
 * Which steps made a filesystem layer, oldest first. The engine's history has no `empty_layer` flag,
 * and a layer's size counts its files' bytes only: a layer that just deletes files (whiteouts), makes
 * an empty directory or changes a mode weighs 0 bytes, like an ENV that made no layer at all.
 *
 * Counted against the image's layers (RootFS): steps with bytes are layers, config-only instructions
 * are not; the other 0-byte steps are all layers when the count leaves room for all of them, and none
 * when it leaves none. Between the two, a step's own image says it (`layersOf`: it has more layers
 * than the image of the step before). What is still open counts as a layer: a step that may have
 * changed the file system is never called empty.
 */
export async function decideLayers(
  steps: readonly HistoryStep[],
  layerCount: number,
  layersOf: (imageId: string) => Promise<number | undefined>,
): Promise<boolean[]> {
  const kinds = steps.map((s): 'layer' | 'none' | 'open' => (s.size > 0 ? 'layer' : isConfigOnly(s.createdBy) ? 'none' : 'open'));
  const sure = kinds.filter((k) => k === 'layer').length;
  const open = kinds.filter((k) => k === 'open').length;
  if (open === 0 || sure + open <= layerCount) return kinds.map((k) => k !== 'none');
  if (sure >= layerCount) return kinds.map((k) => k === 'layer');

  const counts = new Map<string, number | undefined>();
  let lookups = 0;
  const countOf = async (id: string | undefined): Promise<number | undefined> => {
    if (!id) return undefined;
    if (!counts.has(id)) {
      if (lookups >= MAX_LOOKUPS) return undefined;
      lookups++;
      counts.set(id, await layersOf(id).catch(() => undefined));
    }
    return counts.get(id);
  };
  const out: boolean[] = [];
  for (let i = 0; i < steps.length; i++) {
    if (kinds[i] !== 'open') {
      out.push(kinds[i] === 'layer');
      continue;
    }
    const mine = await countOf(steps[i]!.id);
    const before = i === 0 ? 0 : await countOf(steps[i - 1]!.id);
    out.push(mine === undefined || before === undefined ? true : mine > before);
  }
  return out;
}

function isConfigOnly(createdBy: string): boolean {
  const word = /^[A-Z]+/.exec(instructionOf(createdBy))?.[0];
  return word !== undefined && CONFIG_ONLY.has(word);
}
