import type { StepView } from './vm-selectors.js';

const MARK: Record<StepView['state'], string> = { pending: '○', active: '◐', done: '✓', failed: '✗' };

/** A long start, step by step, with each step's time ("Waiting for dockerd … 4.2 s"). */
export function EngineSteps({ steps }: { steps: readonly StepView[] }) {
  if (!steps.length) return null;
  return (
    <ol className="engine-steps" aria-label="Start progress">
      {steps.map((s) => (
        <li key={s.label} className={`engine-steps__step engine-steps__step--${s.state}`} aria-current={s.state === 'active' ? 'step' : undefined}>
          <span className="engine-steps__mark" aria-hidden="true">
            {MARK[s.state]}
          </span>
          <span className="engine-steps__label">{s.label}</span>
          <span className="engine-steps__time">{s.elapsed}</span>
        </li>
      ))}
    </ol>
  );
}
