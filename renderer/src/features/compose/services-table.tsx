import type { ComposeLoadResult, ComposePort } from '../../../../contract/models/compose.js';
import { progressLabel, serviceProgress, serviceRows } from './compose-projects.js';
import type { JobState } from './project-jobs.js';
import type { ContainerSummary } from '../../../../contract/index.js';

const portText = (p: ComposePort) => `${p.hostIp ? `${p.hostIp}:` : ''}${p.published ?? '(any)'}→${p.target}/${p.protocol}`;

export type ServiceAction = 'start' | 'stop' | 'restart';

/**
 * A project's services: from its files (image, ports, what up would do) and its containers (links to
 * each, live state), with start/stop/restart per service. Services that only have containers (not in
 * the files, or the files unknown) are listed too.
 */
export function ServicesTable({
  load,
  containers,
  job,
  busy,
  onAction,
}: {
  load: ComposeLoadResult | undefined;
  containers: readonly ContainerSummary[];
  job: { state: JobState; running: boolean } | undefined;
  busy: boolean;
  onAction(service: string, action: ServiceAction): void;
}) {
  const project = load?.ok ? load.project : undefined;
  const rows = serviceRows(project?.services.map((s) => s.name), containers, project?.disabledServices);
  if (!rows.length) return null;
  return (
    <table className="compose-services" aria-label="Services">
      <thead>
        <tr>
          <th>Service</th>
          <th>Image</th>
          <th>Ports</th>
          <th>Up will</th>
          <th>Progress</th>
          <th>Containers</th>
          <th>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const s = project?.services.find((x) => x.name === r.name);
          const p = serviceProgress(r.name, job, containers);
          const label = progressLabel(p);
          const running = r.containers.some((c) => c.state === 'running' || c.state === 'restarting');
          const stopped = r.containers.some((c) => c.state !== 'running');
          const none = !r.containers.length || busy || !!job?.running;
          return (
            <tr key={r.name} data-service={r.name}>
              <td>
                {r.name}
                {r.notInFiles ? <span className="muted"> (not in the files)</span> : null}
                {r.profileOff ? <span className="muted"> (its profile is not active)</span> : null}
              </td>
              <td>
                <code>{s?.image ?? r.containers[0]?.image ?? '—'}</code>
                {s?.build ? ' (build)' : ''}
              </td>
              <td>{s ? s.ports.map(portText).join(', ') || '—' : '—'}</td>
              <td>{load?.ok ? (load.plan[r.name] ?? '—') : '—'}</td>
              <td className={`compose-step compose-step--${p?.step ?? 'none'}`} data-step={p?.step ?? ''} title={label.title}>
                {label.text}
              </td>
              <td>
                {r.containers.length
                  ? r.containers.map((c, i) => (
                      <span key={c.id}>
                        {i ? ', ' : ''}
                        <a href={`#/containers/${encodeURIComponent(c.id)}`} title={`Open container ${c.name} (${c.status || c.state})`}>
                          {c.name}
                        </a>
                      </span>
                    ))
                  : '—'}
              </td>
              <td className="compose-services__actions">
                <button type="button" className="btn btn--small" aria-label={`Start ${r.name}`} disabled={none || !stopped} onClick={() => onAction(r.name, 'start')}>
                  Start
                </button>
                <button type="button" className="btn btn--small" aria-label={`Stop ${r.name}`} disabled={none || !running} onClick={() => onAction(r.name, 'stop')}>
                  Stop
                </button>
                <button type="button" className="btn btn--small" aria-label={`Restart ${r.name}`} disabled={none} onClick={() => onAction(r.name, 'restart')}>
                  Restart
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
