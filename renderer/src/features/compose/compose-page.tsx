import { useMemo, useState } from 'react';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { messageOf } from '../../lib/error-message.js';
import { currentProject, deriveProjects, runningSummary } from './compose-projects.js';
import { OpenProjectForm } from './open-project-form.js';
import { forgetOpened, loadOpened, openedName, openProject, openRefusal, renameOpened, saveOpened, type OpenedProject } from './opened-projects.js';
import { ProjectPanel } from './project-panel.js';
import './compose.css';

/**
 * Compose projects: the ones with containers (by their compose labels, whoever started them, read
 * from the live container list) and the ones opened from files. Select one to see its services,
 * bring it up or down, and read all its logs in one stream.
 */
export function ComposePage() {
  const api = useApi();
  const containers = useAppStore((s) => s.containers);
  const [opened, setOpened] = useState<OpenedProject[]>(() => loadOpened());
  const [selected, setSelected] = useState<string>();
  const rows = useMemo(() => deriveProjects(containers.values(), opened), [containers, opened]);
  const { current, gone } = currentProject(rows, selected);

  /** Change the list from its latest value (a load may answer after other changes) and save it. */
  const change = (f: (list: readonly OpenedProject[]) => readonly OpenedProject[]) =>
    setOpened((prev) => {
      const next = f(prev);
      if (next === prev) return prev;
      saveOpened(next);
      return [...next];
    });
  /** Open files, once the back end found them: a path that is not there is refused and leaves no entry. Returns why it was refused. */
  const open = async (files: string[], projectName?: string): Promise<string | undefined> => {
    let refused: string | undefined;
    try {
      refused = openRefusal(await api.compose.load({ files, ...(projectName ? { projectName } : {}) }));
    } catch (err) {
      refused = `Nothing was opened: ${messageOf(err)}`;
    }
    if (refused) return refused;
    change((list) => openProject(list, files, projectName).list);
    setSelected(openedName(openProject(opened, files, projectName).entry));
    return undefined;
  };
  /** Only the entry whose panel loaded takes the name its files gave; the selection follows it. */
  const named = (entry: OpenedProject) => (name: string) => {
    const was = openedName(entry);
    if (was === name) return;
    change((list) => renameOpened(list, entry, name));
    setSelected((s) => (s === was ? name : s));
  };
  const forget = (name: string) => {
    change((list) => forgetOpened(list, name));
    setSelected((s) => (s === name ? undefined : s));
  };

  return (
    <div className="page page--fill compose-page">
      <OpenProjectForm onOpen={open} />
      <div className="compose-layout">
        <nav className="compose-list" aria-label="Projects">
          {rows.length === 0 ? <p className="muted">No compose projects yet: open a compose file above.</p> : null}
          <ul>
            {rows.map((r) => (
              <li key={r.name} className="compose-list__row">
                <button type="button" className={`compose-list__item${r === current ? ' is-active' : ''}`} aria-current={r === current ? 'true' : undefined} onClick={() => setSelected(r.name)}>
                  <span className="compose-list__name">{r.name}</span>
                  <span className="muted">{runningSummary(r, true)}</span>
                </button>
                {r.opened && !r.containers.length ? (
                  <button type="button" className="btn btn--small" aria-label={`Forget ${r.name}`} title="Remove from this list (the files are not touched)" onClick={() => forget(r.name)}>
                    Forget
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </nav>
        {gone ? (
          <p className="compose-gone muted" role="status">
            The project “{gone}” is no longer there: it has no containers left and no file opened here. Choose another project, or open its compose file.
          </p>
        ) : null}
        {current ? (
          <ProjectPanel
            key={current.name + (current.files?.join(',') ?? '')}
            row={current}
            onLoaded={current.opened ? named(current.opened) : undefined}
          />
        ) : null}
      </div>
    </div>
  );
}
