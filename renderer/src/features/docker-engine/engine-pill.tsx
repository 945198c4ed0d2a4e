import { useAppStore } from '../../app/runtime-context.js';
import { sourceLabel } from './selectors.js';
import './engine.css';

type Tone = 'ok' | 'busy' | 'bad' | 'idle';

/** The engine's state at a glance, in the header: a dot, a word, and the endpoint when running. */
export function EnginePill() {
  const status = useAppStore((s) => s.engineStatus);
  const backend = useAppStore((s) => s.backend);

  let tone: Tone = 'idle';
  let text = 'Checking engine…';
  let detail: string | undefined;
  let title: string | undefined;
  if (backend === 'unreachable') {
    tone = 'bad';
    text = 'Back end offline';
  } else if (status) {
    switch (status.state) {
      case 'running':
        tone = 'ok';
        text = 'Engine running';
        if (status.endpoint) {
          detail = status.endpoint.host;
          title = `${status.endpoint.host} — ${sourceLabel(status.endpoint)}`;
        }
        break;
      case 'starting':
        tone = 'busy';
        text = 'Engine starting';
        break;
      case 'error':
        tone = 'bad';
        text = 'Engine error';
        break;
      case 'stopped':
        tone = 'idle';
        text = 'Engine stopped';
        break;
    }
  }
  return (
    <div className={`engine-pill engine-pill--${tone}`} title={title}>
      <span className="engine-pill__dot" aria-hidden="true" />
      <span className="engine-pill__text">{text}</span>
      {detail ? <span className="engine-pill__detail">{detail}</span> : null}
    </div>
  );
}
