import { useCallback, useEffect, useRef, useState } from 'react';
import type { ComposeLoadResult } from '../../../../contract/models/compose.js';
import { useApi, useRuntime } from '../../app/runtime-context.js';
import { actionNotice, actionPending, downNotice, runningSummary, upNotices, upOutcome, type ProjectRow } from './compose-projects.js';
import { loadProfiles, saveProfiles } from './chosen-profiles.js';
import { DownDialog } from './down-dialog.js';
import { MergedLogView } from './merged-log-view.js';
import { projectNameError } from './opened-projects.js';
import { useProjectJob } from './project-jobs.js';
import { ProfilesField } from './profiles-field.js';
import { ServicesTable, type ServiceAction } from './services-table.js';
import { messageOf } from '../../lib/error-message.js';

/**
 * One project: its services before up (or its errors, by line), up/pull with per-service progress and
 * cancel, actions, down, and merged logs. `onLoaded` hears the name an opened project's files gave.
 */
export function ProjectPanel({ row, onLoaded }: { row: ProjectRow; onLoaded?: (name: string) => void }) {
  const api = useApi();
  const [load, setLoad] = useState<ComposeLoadResult>();
  const [loadError, setLoadError] = useState<string>();
  // Up and pull outlive the panel (another project selected, or the page left): see project-jobs.ts.
  const jobs = useRuntime().composeJobs;
  const job = useProjectJob(jobs, row.name);
  const [notice, setNotice] = useState<string>();
  /** Why the last start/stop/restart failed: shown as an error, never as a plain notice. */
  const [actionError, setActionError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [downOpen, setDownOpen] = useState(false);
  const [showLogs, setShowLogs] = useState(false);
  const files = row.files;
  // An opened project loads under the name asked for (or the one its files give); a project found by
  // its containers' labels loads under its own name, whatever its files or folder would name it.
  const projectName = row.opened ? row.opened.projectName : projectNameError(row.name) ? undefined : row.name;

  // `--profile`: empty means the default (COMPOSE_PROFILES from the environment or .env, else none).
  // The choice is remembered per project: opened again, the project loads with the same profiles.
  const [profiles, setProfiles] = useState<string[]>(() => loadProfiles(row.name));
  const applyProfiles = (chosen: string[]) => {
    saveProfiles(row.name, chosen);
    setProfiles(chosen);
  };
  const withProfiles = profiles.length ? { profiles } : {};

  const reload = useCallback(() => {
    if (!files) return;
    setLoadError(undefined);
    api.compose.load({ files, projectName, ...withProfiles }).then(
      (r) => {
        setLoad(r);
        if (r.ok) onLoaded?.(r.project.name);
      },
      (e: unknown) => setLoadError(messageOf(e)),
    );
  }, [api, files?.join(','), projectName, profiles.join(',')]);
  useEffect(reload, [reload]);
  // Back from the editor the file was changed in: read it again, so the preview is never stale.
  useEffect(() => {
    window.addEventListener('focus', reload);
    return () => window.removeEventListener('focus', reload);
  }, [reload]);
  // A job that ends (here, or while another project was shown) changed what up would do: read it again.
  const jobRunning = !!job?.running;
  const wasRunning = useRef(jobRunning);
  useEffect(() => {
    if (wasRunning.current && !jobRunning) reload();
    wasRunning.current = jobRunning;
  }, [jobRunning]);
  // A container started, stopped or removed (here, from the Containers page or the CLI): what up would
  // do changes with it, so the "Up will" column is read again (an up in progress reloads when done).
  const states = row.containers.map((c) => `${c.id}:${c.state}`).join(',');
  const seenStates = useRef(states);
  useEffect(() => {
    if (seenStates.current === states) return;
    seenStates.current = states;
    if (!job?.running) reload();
  }, [states]);

  const start = (kind: 'up' | 'pull') => {
    if (!files) return;
    setNotice(undefined);
    setActionError(undefined);
    jobs.start(row.name, kind, (observer) => api.compose[kind]({ files, projectName, ...withProfiles }, observer));
  };
  const cancel = () => jobs.cancel(row.name);
  const act = (action: ServiceAction, service?: string) => {
    setBusy(true);
    setActionError(undefined);
    jobs.clear(row.name);
    setNotice(actionPending(action, service));
    api.compose.action({ project: row.name, action, service }).then(
      (r) => setNotice(actionNotice(action, r.containers.length, service)),
      (e: unknown) => {
        setNotice(undefined);
        setActionError(messageOf(e));
      },
    ).finally(() => setBusy(false));
  };

  const project = load?.ok ? load.project : undefined;
  const warnings = load ? (load.ok ? load.project.warnings : load.warnings) : [];
  const hasContainers = row.containers.length > 0;
  // A container the up started that exited non-zero after it ended: not left reading "is up".
  const late = job ? upOutcome(job, row.containers) : undefined;
  const notes = upNotices(job?.state.log ?? []);
  const sources = row.containers.map((c) => ({ id: c.id, label: row.containers.filter((x) => x.composeService === c.composeService).length > 1 ? c.name : (c.composeService ?? c.name) }));

  return (
    <section className="compose-panel" aria-label={`Project ${row.name}`}>
      <header className="compose-panel__head">
        <h2>{row.name}</h2>
        <span className="muted">
          {runningSummary(row)}
          {files ? ` · ${files.join(', ')}` : ' · files unknown'}
        </span>
      </header>
      <div className="toolbar compose-actions" role="toolbar" aria-label="Project actions">
        <button type="button" className="btn btn--primary" disabled={!project || job?.running} onClick={() => start('up')}>
          Up
        </button>
        <button type="button" className="btn" disabled={!project || job?.running} onClick={() => start('pull')}>
          Pull
        </button>
        {job?.running ? (
          <button type="button" className="btn btn--danger" onClick={cancel}>
            Cancel
          </button>
        ) : null}
        <button type="button" className="btn" disabled={!hasContainers || busy} onClick={() => act('start')}>
          Start
        </button>
        <button type="button" className="btn" disabled={!hasContainers || busy} onClick={() => act('stop')}>
          Stop
        </button>
        <button type="button" className="btn" disabled={!hasContainers || busy} onClick={() => act('restart')}>
          Restart
        </button>
        <button type="button" className="btn btn--danger" disabled={job?.running || (!hasContainers && !project)} onClick={() => setDownOpen(true)}>
          Down…
        </button>
        <button type="button" className="btn" disabled={!files} onClick={reload}>
          Reload file
        </button>
        <button type="button" className="btn" aria-pressed={showLogs} disabled={!hasContainers} onClick={() => setShowLogs((v) => !v)}>
          {showLogs ? 'Hide logs' : 'Logs'}
        </button>
      </div>
      {project ? <ProfilesField disabled={project.disabledServices} active={profiles} onApply={applyProfiles} /> : null}
      {notice ? <p role="status">{notice}</p> : null}
      {actionError ? (
        <p className="compose-error" role="alert" aria-label="Action failed">
          {actionError}
        </p>
      ) : null}
      {loadError ? (
        <p className="compose-error" role="alert">
          {loadError}
        </p>
      ) : null}
      {load && !load.ok ? (
        <div className="compose-issues" role="alert" aria-label="Errors in the compose file">
          <p>The file has {load.errors.length} error{load.errors.length === 1 ? '' : 's'}; nothing was created:</p>
          <ul>
            {load.errors.map((e, i) => (
              <li key={i}>
                <code>
                  {e.file}:{e.line}:{e.column}
                </code>{' '}
                {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ServicesTable load={load} containers={row.containers} job={job} busy={busy} onAction={(service, action) => act(action, service)} />
      {warnings.length ? (
        <ul className="compose-warnings" aria-label="Warnings">
          {warnings.map((w, i) => (
            <li key={i}>
              {w.file}:{w.line}:{w.column} {w.message}
            </li>
          ))}
        </ul>
      ) : null}
      {job && !job.running ? (
        <p role="status" className={job.error || late ? 'compose-error' : 'compose-done'}>
          {job.error ?? late?.text ?? job.state.done ?? 'Done'}
        </p>
      ) : null}
      {notes.length ? (
        // What up warned of as it ran (a network another project made, orphans), not only in a log.
        <ul className="compose-warnings" aria-label="Up notices">
          {notes.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : null}
      {showLogs && hasContainers ? <MergedLogView sources={sources} title={`Logs of ${row.name}`} /> : null}
      {downOpen ? (
        <DownDialog
          project={row.name}
          files={files}
          onClose={() => setDownOpen(false)}
          // What it removed before it failed is gone: the last up's "is up" no longer holds.
          onFailed={() => jobs.clear(row.name)}
          onDone={(r) => {
            setDownOpen(false);
            setShowLogs(false);
            setActionError(undefined);
            jobs.clear(row.name);
            setNotice(downNotice(r));
            reload();
          }}
        />
      ) : null}
    </section>
  );
}
