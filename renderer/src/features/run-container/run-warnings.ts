import type { RunResult } from '../../../../contract/models/container-run.js';
import type { ActionNotice } from '../container-actions/action-store.js';

/**
 * The notice for what the engine warned about while creating a container that did run (e.g. "Published
 * ports are discarded when using host network mode"), shown on its details page, where the dialog
 * lands. It stays until dismissed: a warning read in passing is a warning missed. Undefined when the
 * engine said nothing.
 */
export function runWarningsNotice(result: Pick<RunResult, 'name' | 'warnings'>): Omit<ActionNotice, 'id'> | undefined {
  const warnings = result.warnings.map((w) => w.trim()).filter(Boolean);
  if (!warnings.length) return undefined;
  return {
    tone: 'warning',
    title: `Started ${result.name}, with ${warnings.length === 1 ? 'a warning' : `${warnings.length} warnings`} from the engine`,
    failures: warnings.map((message) => ({ name: 'Warning', message })),
    scope: 'details',
  };
}
