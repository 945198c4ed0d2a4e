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
