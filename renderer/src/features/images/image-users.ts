import type { ContainerSummary } from '../../../../contract/index.js';
import type { ImageContainerRef, ImageSummary } from '../../../../contract/models/images.js';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The containers that use an image, with their states as the containers store has them now (it follows
 * engine events, so a container started after a dialog opened shows as running). Until that store is
 * live, the refs the image list sent.
 */
export function selectImageUsers(containers: ReadonlyMap<string, ContainerSummary>, live: boolean, image: Pick<ImageSummary, 'id' | 'containers'>): ImageContainerRef[] {
  if (!live) return image.containers;
  const users: ImageContainerRef[] = [];
  for (const c of containers.values()) if (c.imageId === image.id) users.push({ id: c.id, name: c.name, state: c.state });
  return users.sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

/** States whose container keeps even a forced removal out (the engine: "cannot be forced"). */
const ACTIVE_STATES = new Set(['running', 'paused', 'restarting']);

/**
 * Why containers block removing an image, as the remove dialog says it: with `forceHelps`, a forced
 * removal goes through (every user is stopped); without, one is running and must be stopped first.
 */
export function removalBlock(users: readonly ImageContainerRef[]): { message: string; forceHelps: boolean } | undefined {
  if (!users.length) return undefined;
  const used = `Used by ${users.length === 1 ? 'container' : 'containers'} ${users.map((c) => `${c.name} (${c.state})`).join(', ')}.`;
  const active = users.filter((c) => ACTIVE_STATES.has(c.state));
  if (!active.length) return { message: `${used} Remove ${users.length === 1 ? 'it' : 'them'} first, or force.`, forceHelps: true };
  const who = active.length === users.length ? (users.length === 1 ? 'it' : 'them') : active.map((c) => c.name).join(', ');
  return { message: `${used} Stop ${who} first: even force cannot remove an image a running container uses.`, forceHelps: false };
}
