import type { ContainerSummary } from '../../../../contract/index.js';
import { actionDefs } from '../container-actions/action-defs.js';
import type { ActionNotice } from '../container-actions/action-store.js';

const failedStart = `Could not ${actionDefs.start.verb} `;

/**
 * The notices without the failed starts that no longer hold: "Could not start web / Port 47851 is
 * already in use" goes once every container it names is gone (removed, here or elsewhere) or running
 * (started since). A failure about a container that still exists and does not run stays until
 * dismissed. The same array when nothing goes, so the store does not notify for nothing.
 */
export function withoutSettledStartFailures(notices: readonly ActionNotice[], containers: ReadonlyMap<string, Pick<ContainerSummary, 'name' | 'state'>>): readonly ActionNotice[] {
  const candidates = notices.filter((n) => n.tone === 'error' && n.title.startsWith(failedStart) && n.failures.length > 0);
  if (!candidates.length) return notices;
  const stateByName = new Map<string, ContainerSummary['state']>();
  for (const c of containers.values()) stateByName.set(c.name, c.state);
  const settled = new Set(candidates.filter((n) => n.failures.every((f) => (stateByName.get(f.name) ?? 'running') === 'running')));
  return settled.size ? notices.filter((n) => !settled.has(n)) : notices;
}
