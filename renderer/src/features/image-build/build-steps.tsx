import { useState } from 'react';
import { AnsiLines } from '../../ui/ansi-text.js';
import type { BuildStep } from './build-log-reducer.js';

const statusText: Record<BuildStep['status'], string> = { running: 'running', cached: 'cached', done: 'done', failed: 'failed', cancelled: 'cancelled' };

/** The build, step by step: instruction, status badge ("cached" for cache hits), collapsible output. */
export function BuildSteps({ steps }: { steps: readonly BuildStep[] }) {
  return (
    <ol className="build-steps" aria-label="Build steps">
      {steps.map((s) => (
        <StepRow key={s.index} step={s} />
      ))}
    </ol>
  );
}

function StepRow({ step }: { step: BuildStep }) {
  // Output opens by itself while a step runs and when it fails; the user's choice wins after that.
  const [choice, setChoice] = useState<boolean | undefined>(undefined);
  const open = choice ?? (step.status === 'running' || step.status === 'failed');
  const lines = step.output.length + step.dropped;
  const outputId = `build-step-output-${step.index}`;
  return (
    <li className={`build-step build-step--${step.status}`} aria-label={`Step ${step.index}: ${step.instruction} (${statusText[step.status]})`}>
      <div className="build-step__head">
        <span className="build-step__num">{step.total ? `${step.index}/${step.total}` : step.index}</span>
        <code className="build-step__instr" title={step.instruction}>
          {step.instruction}
        </code>
        <span className={`build-badge build-badge--${step.status}`}>{statusText[step.status]}</span>
        {step.layerId ? <span className="build-step__layer mono">{step.layerId.slice(0, 12)}</span> : null}
        {lines ? (
          <button type="button" className="build-step__toggle" aria-expanded={open} aria-controls={outputId} onClick={() => setChoice(!open)}>
            {open ? 'Hide output' : `Show output (${lines} line${lines === 1 ? '' : 's'})`}
          </button>
        ) : null}
      </div>
      {lines && open ? (
        <pre className="build-step__output" id={outputId}>
          {step.dropped ? `… ${step.dropped} earlier lines not kept\n` : ''}
          <AnsiLines lines={step.output} />
        </pre>
      ) : null}
    </li>
  );
}
