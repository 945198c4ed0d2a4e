import { useMemo, useState } from 'react';
import type { PortForward, PortForwardWarning } from '../../../../contract/index.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { AlertIcon } from '../../ui/icons.js';
import { messageOf } from '../../lib/error-message.js';

/** The forwards and taken-port warnings of one container (empty unless the engine runs in Berth's VM). */
export function useContainerForwards(id: string): { active: boolean; forwards: PortForward[]; warnings: PortForwardWarning[] } {
  const view = useAppStore((s) => s.portForwards);
  return useMemo(
    () => ({ active: view.active, forwards: view.forwards.filter((f) => f.containerId === id), warnings: view.warnings.filter((w) => w.containerId === id) }),
    [view, id],
  );
}

/** A container row's mark when a published port could not be forwarded to this computer; the message on hover. */
export function PortForwardMark({ id }: { id: string }) {
  const { warnings } = useContainerForwards(id);
  if (!warnings.length) return null;
  const text = warnings.map((w) => w.message).join('\n');
  return (
    <span className="port-warning" role="img" aria-label={`Port warning: ${text}`} title={text}>
      <AlertIcon width={14} height={14} />
    </span>
  );
}

const where = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/**
 * The Ports tab's part for an engine in Berth's VM: where each published port answers on this computer,
 * and a warning (with Retry) for each host port that is taken. The container keeps running either way.
 */
export function PortForwardsPanel({ id }: { id: string }) {
  const api = useApi();
  const { active, forwards, warnings } = useContainerForwards(id);
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<string>();
  if (!active || (!forwards.length && !warnings.length)) return null;
  const retry = () => {
    setRetrying(true);
    setRetryError(undefined);
    api.engine.retryPortForwards({ containerId: id }).then(
      () => setRetrying(false),
      (err: unknown) => {
        setRetrying(false);
        setRetryError(messageOf(err));
      },
    );
  };
  return (
    <section className="port-forwards" aria-label="Forwarded to this computer">
      {warnings.length ? (
        <div className="port-forwards__warning" role="alert">
          <AlertIcon width={16} height={16} aria-hidden="true" />
          <div>
            {warnings.map((w) => (
              <p key={`${w.protocol}/${w.hostIp}/${w.hostPort}`}>{w.message}</p>
            ))}
            <button type="button" className="btn" onClick={retry} disabled={retrying}>
              {retrying ? 'Retrying…' : 'Retry'}
            </button>
            {retryError ? <p className="form-error">{retryError}</p> : null}
          </div>
        </div>
      ) : null}
      {forwards.length ? (
        <p className="muted">
          Forwarded from Berth’s VM to this computer: {forwards.map((f) => `${where(f.hostIp, f.hostPort)}/${f.protocol}`).join(', ')}
        </p>
      ) : null}
    </section>
  );
}
