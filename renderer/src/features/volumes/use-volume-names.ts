import { useMemo } from 'react';
import { useLiveVolumes } from './use-volumes.js';

const sortedNames = (names: string[]) => names.sort((a, b) => a.localeCompare(b));

/** Names of the existing volumes (named ones first, then anonymous), live while `active` (the run dialog has a volume row). */
export function useVolumeNames(active: boolean): string[] {
  const { volumes } = useLiveVolumes(active);
  return useMemo(() => {
    const all = [...volumes.values()];
    return [...sortedNames(all.filter((v) => !v.anonymous).map((v) => v.name)), ...sortedNames(all.filter((v) => v.anonymous).map((v) => v.name))];
  }, [volumes]);
}
