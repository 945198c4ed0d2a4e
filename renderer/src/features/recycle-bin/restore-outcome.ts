import type { RecycleBinRestoreResult } from '../../../../contract/models/recycle-bin.js';

export interface RestoreOutcome {
  tone: 'success' | 'warning';
  text: string;
}

/**
 * What a restore did, in one line. A restore that recreated the container but could not finish (not
 * started, a network missing…) is still a restore: it says what exists and what is missing, as a
 * warning — "Restored web (created, not started: Port 8080 is already in use by container api)".
 */
export function restoreOutcome(r: RecycleBinRestoreResult): RestoreOutcome {
  if (!r.incomplete?.length) return { tone: 'success', text: `Restored ${r.name}${r.started ? ' and started it' : ''}` };
  return { tone: 'warning', text: `Restored ${r.name} (${r.started ? 'created and started' : 'created'}, ${r.incomplete.join('; ')})` };
}
