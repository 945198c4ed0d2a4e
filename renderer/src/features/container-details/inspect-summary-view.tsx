import type { ReactNode } from 'react';
import type { InspectSummary } from '../../../../contract/models/container-logs.js';

const quoteArgs = (args: string[]) => args.map((a) => (/[\s"']/.test(a) || a === '' ? JSON.stringify(a) : a)).join(' ');

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The readable summary above the JSON: image, command, env, mounts, networks, ports, restart, health. */
export function InspectSummaryView({ s }: { s: InspectSummary }) {
  const restart = s.restartPolicy.name === 'on-failure' && s.restartPolicy.maximumRetryCount > 0 ? `on-failure (at most ${s.restartPolicy.maximumRetryCount} retries)` : s.restartPolicy.name;
  return (
    <section className="inspect-summary" aria-label="Summary">
      <dl className="kv">
        <Row label="Image">
          <span className="mono">{s.image}</span>
        </Row>
        <Row label="Image ID">
          <span className="mono muted">{s.imageId}</span>
        </Row>
        <Row label="Command">{s.command.length ? <code>{quoteArgs(s.command)}</code> : <span className="muted">none</span>}</Row>
        <Row label="Entrypoint">{s.entrypoint.length ? <code>{quoteArgs(s.entrypoint)}</code> : <span className="muted">none</span>}</Row>
        {s.workingDir ? <Row label="Working directory">{s.workingDir}</Row> : null}
        {s.user ? <Row label="User">{s.user}</Row> : null}
        <Row label="State">
          {s.state.status}
          {s.state.status === 'exited' ? ` (exit code ${s.state.exitCode})` : ''}
          {s.state.oomKilled ? ' — killed: out of memory' : ''}
          {s.state.error ? ` — ${s.state.error}` : ''}
        </Row>
        <Row label="Restart policy">{restart}</Row>
        <Row label="Health">
          {s.health ? (
            <span>
              <strong>{s.health.status}</strong>
              {s.health.failingStreak > 0 ? ` (${s.health.failingStreak} failures in a row)` : ''}
              {s.health.lastCheck ? (
                <span className="inspect-summary__health">
                  Last check: exit code {s.health.lastCheck.exitCode} at {s.health.lastCheck.end || s.health.lastCheck.start}
                  {s.health.lastCheck.output ? <pre className="inspect-summary__pre">{s.health.lastCheck.output.trim()}</pre> : null}
                </span>
              ) : null}
            </span>
          ) : (
            <span className="muted">no health check</span>
          )}
        </Row>
        <Row label="Ports">
          {s.ports.length ? (
            <ul className="plain-list">
              {s.ports.map((p) => (
                <li key={`${p.privatePort}/${p.type}`} className="mono">
                  {p.bindings.length ? p.bindings.map((b) => `${b.hostIp}:${b.hostPort}`).join(', ') + ' → ' : ''}
                  {p.privatePort}/{p.type}
                  {p.bindings.length ? '' : ' (exposed, not published)'}
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">none</span>
          )}
        </Row>
        <Row label="Networks">
          {s.networks.length ? (
            <ul className="plain-list">
              {s.networks.map((n) => (
                <li key={n.name}>
                  <a href={`#/networks/${encodeURIComponent(n.name)}`}>
                    <strong>{n.name}</strong>
                  </a>{' '}
                  <span className="mono">{[n.ipAddress, n.ipv6Address].filter(Boolean).join(', ') || 'no address'}</span>
                  {n.gateway ? <span className="muted"> · gateway {n.gateway}</span> : null}
                  {n.aliases.length ? <span className="muted"> · aliases {n.aliases.join(', ')}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">none</span>
          )}
        </Row>
        <Row label="Mounts">
          {s.mounts.length ? (
            <ul className="plain-list">
              {s.mounts.map((m) => (
                <li key={m.destination} className="mono">
                  {m.type === 'volume' && m.name ? (
                    <>
                      volume <a href={`#/volumes/${encodeURIComponent(m.name)}`}>{m.name}</a>
                    </>
                  ) : m.type === 'volume' ? (
                    `volume ${m.source}`
                  ) : m.type === 'tmpfs' ? (
                    'tmpfs'
                  ) : (
                    m.source
                  )}{' '}
                  → {m.destination}
                  {m.readOnly ? ' (read-only)' : ''}
                  {m.type === 'tmpfs' ? null : <span className="muted"> · {m.type}</span>}
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">none</span>
          )}
        </Row>
        <Row label={`Environment (${s.env.length})`}>
          {s.env.length ? (
            <table className="env-table">
              <tbody>
                {s.env.map((e, i) => (
                  <tr key={`${e.name}-${i}`}>
                    <th scope="row" className="mono">
                      {e.name}
                    </th>
                    <td className="mono">{e.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <span className="muted">none</span>
          )}
        </Row>
      </dl>
    </section>
  );
}
