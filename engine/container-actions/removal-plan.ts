import type { ContainerRemovalPlan } from '../../contract/models/container-actions.js';
import { createSpecFromInspect } from '../recycle-bin/create-config.js';

/** What removing this container takes away: its anonymous volumes (with "remove volumes"); other mounts stay. */
export function removalPlanFromInspect(inspect: unknown): ContainerRemovalPlan {
  const spec = createSpecFromInspect(inspect);
  const anonymous = new Set(spec.anonymousVolumes.map((v) => v.destination));
  return {
    id: spec.containerId,
    name: spec.name,
    image: spec.image,
    running: spec.wasRunning,
    anonymousVolumes: spec.anonymousVolumes.map((v) => `${v.name.slice(0, 12)} (${v.destination})`),
    keptMounts: spec.summary.mounts.filter((m) => ![...anonymous].some((d) => m === `anonymous volume → ${d}`)),
  };
}
