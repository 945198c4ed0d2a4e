import { useEffect, useState } from 'react';
import { PlugIcon } from '../ui/icons.js';
import { Spinner } from '../ui/spinner.js';
import { useRuntime } from './runtime-context.js';

const ACCESS_CHECK_MS = 3000;

/**
 * Browser mode, while the banner shows: whether the server is back but refuses this page's token (it
 * started again with a new one). Checked now and every few seconds; true until the socket comes back
 * (the banner then goes away), which happens once the new address has been opened in any tab: it sets
 * the cookie this page's reconnects send too.
 */
function useAccessRefused(): boolean {
  const { accessRefused } = useRuntime();
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    if (!accessRefused) return;
    let live = true;
    const check = () => void accessRefused().then((r) => live && setRefused(r));
    check();
    const timer = setInterval(check, ACCESS_CHECK_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [accessRefused]);
  return refused;
}

/** Shown while Berth's own back end does not answer; it goes away by itself on reconnect. */
export function BackendBanner({ host }: { host: 'desktop' | 'browser' }) {
  const refused = useAccessRefused();
  if (refused) {
    return (
      <div className="banner banner--error" role="alert" aria-labelledby="backend-banner-title">
        <PlugIcon className="banner__icon" />
        <div className="banner__body">
          <p className="banner__title" id="backend-banner-title">
            This page’s access token is out of date
          </p>
          <p>
            Berth is running again, with a new access token (it makes one each time it starts). Open the address it printed this time, the one
            ending in <code>?token=…</code>; this page then reconnects too.
          </p>
        </div>
      </div>
    );
  }
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
