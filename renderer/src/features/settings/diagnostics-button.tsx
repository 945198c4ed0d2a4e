import { useRuntime } from '../../app/runtime-context.js';
import { useDiagnosticsJob } from './diagnostics-job.js';

/**
 * One click: the back end builds the .tar.gz (secrets redacted) and the browser saves it. The job is
 * the window's (diagnostics-job.ts), so leaving Settings does not lose it: coming back shows it still
 * being built, or how it ended.
 */
export function DiagnosticsButton() {
  const { diagnostics } = useRuntime();
  const state = useDiagnosticsJob(diagnostics);
  const busy = state.phase === 'building';
  const text = busy ? 'Building the bundle…' : state.phase === 'idle' ? undefined : state.text;
  const error = state.phase === 'failed';
  return (
    <div className="st-diag">
      <button type="button" className="btn" onClick={() => diagnostics.start()} disabled={busy} aria-describedby="st-diag-what">
        Download diagnostics bundle
      </button>
      <p id="st-diag-what" className="st-hint">
        A .tar.gz to attach to a bug report: Berth’s version, settings and log, the engine’s version and info, the embedded engine’s and the VM
        console’s last lines, and the last errors shown. Registry credentials, the browser access token and container environment values are
        redacted. It goes on being built if you leave this page.
      </p>
      {text ? (
        <p className={error ? 'st-error' : 'st-hint'} role={error ? 'alert' : 'status'}>
          {text}
        </p>
      ) : null}
    </div>
  );
}
