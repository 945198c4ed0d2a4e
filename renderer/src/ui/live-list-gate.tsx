import type { ReactNode } from 'react';
import { AlertIcon } from './icons.js';
import { Notice } from './notice.js';

/**
 * What a live list page shows before its list is there: why it is empty while the engine is not
 * running, or that it is loading. Undefined once the list is live (the page renders itself).
 */
export function liveListGate(what: string, engineRunning: boolean, phase: string): ReactNode | undefined {
  if (!engineRunning && phase === 'idle') {
    return (
      <div className="page page--center">
        <Notice title={`${what} appear here once the Docker engine runs.`} icon={<AlertIcon width={28} height={28} />}>
          <p>The message above says what went wrong and what to do.</p>
        </Notice>
      </div>
    );
  }
  if (phase === 'loading' || phase === 'idle') {
    return (
      <div className="page page--center">
        <Notice title={`Loading ${what.toLowerCase()}…`} busy role="status" />
      </div>
    );
  }
  return undefined;
}
