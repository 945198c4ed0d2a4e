import { useMemo } from 'react';
import { useAppStore } from '../../app/runtime-context.js';
import { AlertIcon } from '../../ui/icons.js';
import { Spinner } from '../../ui/spinner.js';
import { EngineSteps } from './engine-steps.js';
import { selectEngineBanner } from './selectors.js';
import { stepViews } from './vm-selectors.js';
import './engine.css';

/**
 * Above every page while the engine is not running: progress while it starts; the reason, what to
 * do and the last log lines when it failed or is stopped.
 */
export function EngineBanner() {
  const engineStatus = useAppStore((s) => s.engineStatus);
  const engineStatusError = useAppStore((s) => s.engineStatusError);
  const banner = useMemo(() => selectEngineBanner({ engineStatus, engineStatusError }), [engineStatus, engineStatusError]);
  const steps = useMemo(() => stepViews(engineStatus), [engineStatus]);

  if (banner.kind === 'starting') {
    return (
      <div className="banner banner--info" role="status" aria-labelledby="engine-banner-title">
        <Spinner size="md" />
        <div className="banner__body">
          <p className="banner__title" id="engine-banner-title">
            Starting the Docker engine…
          </p>
          <p className="banner__progress">{banner.progress}</p>
          <EngineSteps steps={steps} />
        </div>
      </div>
    );
  }
  if (banner.kind !== 'error') return null;
  return (
    <div className="banner banner--error" role="alert" aria-labelledby="engine-banner-title">
      <AlertIcon className="banner__icon" />
      <div className="banner__body">
        <p className="banner__title" id="engine-banner-title">
          {banner.title}
        </p>
        <p className="banner__message">{banner.message}</p>
        {banner.remedy ? (
          <p className="banner__remedy">
            <strong>What to do: </strong>
            {banner.remedy}
          </p>
        ) : null}
        {banner.logTail.length > 0 ? (
          <div className="banner__log">
            <div className="banner__log-title" id="engine-log-title">
              Last {banner.logTail.length === 1 ? 'line' : `${banner.logTail.length} lines`} of the engine log
            </div>
            <pre role="log" aria-labelledby="engine-log-title" tabIndex={0}>
              {banner.logTail.join('\n')}
            </pre>
          </div>
        ) : null}
      </div>
    </div>
  );
}
