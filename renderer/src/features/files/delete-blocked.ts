import type { ContainerState } from '../../../../contract/model.js';

/**
 * Why files of a container in `state` cannot be deleted now, or undefined when they can: deleting
 * runs rm inside the container (the engine has no delete-file API), so it must be running.
 */
export function deleteBlockedText(state: ContainerState): string | undefined {
  if (state === 'running') return undefined;
  if (state === 'paused') return 'Unpause the container to delete files';
  return 'Start the container to delete files';
}
