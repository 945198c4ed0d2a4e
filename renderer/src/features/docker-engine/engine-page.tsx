import { useEffect, useMemo } from 'react';
import { useAppStore, useRuntime } from '../../app/runtime-context.js';
import { RefreshIcon } from '../../ui/icons.js';
import { Notice } from '../../ui/notice.js';
import { Spinner } from '../../ui/spinner.js';
import { EngineSteps } from './engine-steps.js';
import { InfoCard } from './info-card.js';
import { engineInfoSections, statusFields } from './selectors.js';
import { VmCard } from './vm-card.js';
import { stepViews } from './vm-selectors.js';
import './engine.css';

/** What Berth is connected to: the connection, then `docker version` and `docker info`. */
export function EnginePage() {
  const runtime = useRuntime();
  const status = useAppStore((s) => s.engineStatus);
  const backend = useAppStore((s) => s.backend);
  const info = useAppStore((s) => s.engineInfo);
  const phase = useAppStore((s) => s.engineInfoPhase);
  const infoError = useAppStore((s) => s.engineInfoError);
  const running = status?.state === 'running';

  // Counts in `docker info` go stale; fetch afresh each time the page opens (the sync refetches on engine start).
  useEffect(() => {
    if (runtime.store.getState().engineStatus?.state === 'running') runtime.refreshEngineInfo();
  }, [runtime]);

  const connection = useMemo(() => {
    if (backend === 'unreachable') return [{ label: 'State', value: 'unknown (back end not reachable)' }];
    return status ? statusFields(status) : [{ label: 'State', value: 'checking…' }];
  }, [status, backend]);
  const sections = useMemo(() => (info ? engineInfoSections(info) : []), [info]);
  const steps = useMemo(() => stepViews(status), [status]);
  const loading = phase === 'loading';

  let details;
  if (!running) {
    details = (
      <Notice title="Engine details appear when the engine is running.">
        <p>{status?.state === 'starting' ? 'The engine is starting; this page fills in as soon as it answers.' : 'See the message above for what went wrong.'}</p>
      </Notice>
    );
  } else if (info) {
    details = sections.map((s) => <InfoCard key={s.id} title={s.title} fields={s.fields} />);
  } else if (phase === 'error') {
    details = (
      <Notice title="Berth could not read the engine details." role="alert">
        <p>{infoError}</p>
        <button type="button" className="btn" onClick={() => runtime.refreshEngineInfo()}>
          Try again
        </button>
      </Notice>
    );
  } else {
    details = (
      <Notice title="Loading engine details…" busy role="status" />
    );
  }

  return (
    <div className="page page--scroll">
      <div className="toolbar">
        <p className="toolbar__text">
          What <code>docker version</code> and <code>docker info</code> report for the engine Berth is connected to.
        </p>
        <div className="toolbar__actions">
          {running && info && loading ? <Spinner /> : null}
          <button type="button" className="btn" onClick={() => runtime.refreshEngineInfo()} disabled={!running || loading}>
            <RefreshIcon width={16} height={16} />
            Refresh
          </button>
        </div>
      </div>
      {running && info && phase === 'error' ? (
        <p className="inline-warning" role="alert">
          Refreshing failed: {infoError}
        </p>
      ) : null}
      <div className="cards">
        <InfoCard title="Connection" fields={connection} />
        {steps.length && status?.state !== 'running' ? (
          <section className="card" aria-label="Start progress">
            <h2 className="card__title">Start progress</h2>
            <EngineSteps steps={steps} />
          </section>
        ) : null}
        {status?.vm ? <VmCard vm={status.vm} /> : null}
        {details}
      </div>
    </div>
  );
}
