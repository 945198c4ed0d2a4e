import type { MouseEvent } from 'react';
import type { InspectPort } from '../../../../contract/models/container-logs.js';
import { useRuntime } from '../../app/runtime-context.js';
import { portUrl } from '../../lib/format/ports.js';
import { ExternalIcon } from '../../ui/icons.js';
import { Notice } from '../../ui/notice.js';
import { PortForwardsPanel } from '../containers/port-forward-warnings.js';
import type { InspectLoad } from './use-container-inspect.js';

const hostLabel = (ip: string) => (ip.includes(':') ? `[${ip}]` : ip);

/** The Ports tab: each published port as a link that opens in the system browser or a new tab; exposed-only ports listed as such. */
export function PortsTab({ load, containerId }: { load: InspectLoad; containerId: string }) {
  const { openUrl } = useRuntime();
  if (load.kind === 'loading') return <Notice title="Loading ports…" busy role="status" />;
  if (load.kind === 'error')
    return (
      <Notice title="Ports could not be loaded." role="alert">
        <p>{load.message}</p>
      </Notice>
    );
  const ports = load.data.summary.ports;
  const published = ports.filter((p) => p.bindings.length > 0);
  const exposed = ports.filter((p) => p.bindings.length === 0);
  if (!ports.length) return <Notice title="This container publishes and exposes no ports." />;
  return (
    <div className="ports-tab">
      <PortForwardsPanel id={containerId} />
      <h3 className="section-title">Published</h3>
      {published.length ? (
        <ul className="ports-list">
          {published.flatMap((p: InspectPort) =>
            p.bindings.map((b) => {
              const url = portUrl({ ip: b.hostIp, publicPort: b.hostPort, privatePort: p.privatePort, type: p.type });
              const label = `${hostLabel(b.hostIp)}:${b.hostPort} → ${p.privatePort}/${p.type}`;
              return (
                <li key={`${b.hostIp}|${b.hostPort}|${p.privatePort}/${p.type}`}>
                  {url ? (
                    <a
                      className="ports-list__link"
                      href={url}
                      target="_blank"
                      rel="noopener noreferrer"
                      onClick={(e: MouseEvent) => {
                        e.preventDefault();
                        openUrl(url);
                      }}
                    >
                      {label}
                      <ExternalIcon width={14} height={14} aria-hidden="true" />
                    </a>
                  ) : (
                    <span className="mono">{label}</span>
                  )}
                  {url ? <span className="muted"> opens {url}</span> : <span className="muted"> ({p.type.toUpperCase()}: not a web address)</span>}
                </li>
              );
            }),
          )}
        </ul>
      ) : (
        <p className="muted">No port is published to the host.</p>
      )}
      {exposed.length ? (
        <>
          <h3 className="section-title">Exposed only (not published)</h3>
          <ul className="ports-list">
            {exposed.map((p) => (
              <li key={`${p.privatePort}/${p.type}`} className="mono">
                {p.privatePort}/{p.type} <span className="muted">— reachable from other containers on its networks, not from the host</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
