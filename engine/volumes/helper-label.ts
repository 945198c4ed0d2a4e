/**
 * Berth's short-lived helper containers (and their image) carry this label, so every list and watch
 * can leave them out and start-up can remove what a crash left behind.
 */
export const HELPER_LABEL = 'dev.berth.helper';

/** True for a helper container or image (by its labels). */
export function isBerthHelper(labels: Record<string, string> | null | undefined): boolean {
  return !!labels && Object.hasOwn(labels, HELPER_LABEL);
}
