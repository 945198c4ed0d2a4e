/** Wire shapes of the container actions slice (start, stop, restart, pause, unpause, kill, remove). */

export type ContainerActionKind = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill' | 'remove';

/** What an action did. `changed` is false when the container was already in the wanted state. */
export interface ContainerActionResult {
  id: string;
  name: string;
  changed: boolean;
}

/** The result of a removal: the recycle-bin entry that keeps the container's configuration. */
export interface ContainerRemoveResult extends ContainerActionResult {
  /** Id of the "Recently removed" entry (absent when the configuration could not be kept). */
  recycleBinEntryId?: string;
}

/** What a removal would take away, shown in the confirm dialog before anything is removed. */
export interface ContainerRemovalPlan {
  id: string;
  name: string;
  image: string;
  running: boolean;
  /** Anonymous volumes that go too when "remove volumes" is ticked (named volumes always stay). */
  anonymousVolumes: string[];
  /** Named volumes and bind mounts, which are never removed. */
  keptMounts: string[];
}
