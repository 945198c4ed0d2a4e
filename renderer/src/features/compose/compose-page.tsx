import { useMemo, useState } from 'react';
import { useAppStore } from '../../app/runtime-context.js';
import { deriveProjects, loadOpened, saveOpened, type OpenedProject } from './compose-projects.js';
import { OpenProjectForm } from './open-project-form.js';
import { ProjectPanel } from './project-panel.js';
import './compose.css';

/**
 * Compose projects: the ones with containers (by their compose labels, whoever started them, read
 * from the live container list) and the ones opened from files. Select one to see its services,
 * bring it up or down, and read all its logs in one stream.
 */
export function ComposePage() {
  const containers = useAppStore((s) => s.containers);
  const [opened, setOpened] = useState<OpenedProject[]>(() => loadOpened());
  const [selected, setSelected] = useState<string>();
  const rows = useMemo(() => deriveProjects(containers.values(), opened), [containers, opened]);
  const current = rows.find((r) => r.name === selected) ?? rows[0];

  const update = (next: OpenedProject[]) => {
    setOpened(next);
    saveOpened(next);
  };
  const open = (files: string[], projectName?: string) => {
    const key = files.join(',');
    const entry: OpenedProject = { files, projectName, name: projectName ?? key };
    update([...opened.filter((o) => o.files.join(',') !== key), entry]);
    setSelected(entry.name);
  };
  const named = (files: string[]) => (name: string) => {
    const key = files.join(',');
    const o = opened.find((x) => x.files.join(',') === key);
    if (o && o.name !== name) {
      update(opened.map((x) => (x === o ? { ...x, name } : x)));
      if (selected === o.name) setSelected(name);
    }
  };

  return (
    <div className="page page--fill compose-page">
      <OpenProjectForm onOpen={open} />
      <div className="compose-layout">
        <nav className="compose-list" aria-label="Projects">
          {rows.length === 0 ? <p className="muted">No compose projects yet: open a compose file above.</p> : null}
          <ul>
            {rows.map((r) => (
              <li key={r.name}>
                <button type="button" className={`compose-list__item${r === current ? ' is-active' : ''}`} aria-current={r === current ? 'true' : undefined} onClick={() => setSelected(r.name)}>
                  <span className="compose-list__name">{r.name}</span>
                  <span className="muted">{r.containers.length ? `${r.running}/${r.containers.length} running` : 'not up'}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {current ? <ProjectPanel key={current.name + (current.files?.join(',') ?? '')} row={current} onLoaded={current.files ? named(current.files) : () => undefined} /> : null}
      </div>
    </div>
  );
}
