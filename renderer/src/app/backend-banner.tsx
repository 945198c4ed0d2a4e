import { PlugIcon } from '../ui/icons.js';
import { Spinner } from '../ui/spinner.js';

/** Shown while Berth's own back end does not answer; it goes away by itself on reconnect. */
export function BackendBanner({ host }: { host: 'desktop' | 'browser' }) {
  return (
    <div className="banner banner--error" role="alert" aria-labelledby="backend-banner-title">
      <PlugIcon className="banner__icon" />
      <div className="banner__body">
        <p className="banner__title" id="backend-banner-title">
          Back end not reachable
        </p>
        {host === 'browser' ? (
          <p>
            Berth’s back end is not reachable — is <code>npm run web</code> still running?
          </p>
        ) : (
          <p>Berth’s back end stopped unexpectedly and is being restarted; pages pick up where they were. If this lasts, restart Berth.</p>
        )}
        <p className="banner__hint">
          <Spinner /> Reconnecting automatically…
        </p>
      </div>
    </div>
  );
}
