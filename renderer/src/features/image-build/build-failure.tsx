import type { BuildLog } from './build-log-reducer.js';
import { failedStep } from './build-log-reducer.js';

/** Why the build failed: the engine's message, the failing instruction and its output, or the Dockerfile line. */
export function BuildFailure({ log }: { log: BuildLog }) {
  const f = log.failure;
  if (!f) return null;
  const step = failedStep(log);
  const tail = step?.output.slice(-15) ?? [];
  return (
    <div className="build-failure" role="alert">
      <p className="build-failure__title">The build failed</p>
      <p className="build-failure__message">{f.message}</p>
      {f.line !== undefined ? (
        <div className="build-failure__where">
          <span>
            Dockerfile line {f.line}
            {f.dockerfile ? <span className="muted"> ({f.dockerfile})</span> : null}:
          </span>
          <pre className="build-failure__code">
            <span className="build-failure__lineno">{f.line}</span> {f.lineText ?? '(line not readable)'}
          </pre>
        </div>
      ) : null}
      {f.instruction ? (
        <div className="build-failure__where">
          <span>
            Failing instruction{f.step ? ` (step ${f.step}${step?.total ? `/${step.total}` : ''})` : ''}
            {f.exitCode !== undefined ? `, exit code ${f.exitCode}` : ''}:
          </span>
          <pre className="build-failure__code">{f.instruction}</pre>
          {tail.length ? (
            <>
              <span>Its output{step && step.output.length > tail.length ? ' (last lines)' : ''}:</span>
              <pre className="build-failure__output">{tail.join('\n')}</pre>
            </>
          ) : (
            <span className="muted">It printed nothing.</span>
          )}
        </div>
      ) : null}
    </div>
  );
}
