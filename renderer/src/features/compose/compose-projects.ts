import type { ContainerSummary } from '../../../../contract/index.js';
import type { ComposeEvent, ServiceStep } from '../../../../contract/models/compose.js';

const CONFIG_FILES = 'com.docker.compose.project.config_files';
const WORKING_DIR = 'com.docker.compose.project.working_dir';

/** A project the user opened from its files (kept in this window's local storage). */
export interface OpenedProject {
  files: string[];
  projectName?: string;
  /** The name the files gave, once loaded. */
  name?: string;
}

export interface ProjectRow {
  name: string;
  containers: ContainerSummary[];
  running: number;
  /** Its files: opened, or read from its containers' labels (whoever started it). */
  files?: string[];
  workingDir?: string;
  opened?: OpenedProject;
}

/** Projects from the live container list (by compose labels) plus the ones opened from files, by name. */
export function deriveProjects(containers: Iterable<ContainerSummary>, opened: readonly OpenedProject[]): ProjectRow[] {
  const by = new Map<string, ProjectRow>();
  for (const c of containers) {
    const name = c.composeProject;
    if (!name || c.labels['com.docker.compose.oneoff'] === 'True') continue;
    let row = by.get(name);
    if (!row) {
      row = { name, containers: [], running: 0 };
      const files = c.labels[CONFIG_FILES];
      if (files) row.files = files.split(',').filter(Boolean);
      if (c.labels[WORKING_DIR]) row.workingDir = c.labels[WORKING_DIR];
      by.set(name, row);
    }
    row.containers.push(c);
    if (c.state === 'running') row.running++;
  }
  for (const o of opened) {
    const name = o.name ?? o.projectName ?? o.files[0]!;
    const row = by.get(name) ?? { name, containers: [], running: 0 };
    row.opened = o;
    row.files = o.files;
    by.set(name, row);
  }
  for (const row of by.values()) row.containers.sort((a, b) => (a.composeService ?? '').localeCompare(b.composeService ?? '') || a.name.localeCompare(b.name));
  return [...by.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** "/a/b.yaml, /c.yaml" or one per line → absolute paths; a readable error for a relative one. */
export function parseFileList(text: string): { files: string[]; error?: string } {
  const files = text.split(/[\n,]/).map((f) => f.trim()).filter(Boolean);
  if (!files.length) return { files, error: 'Type or paste the path of a compose file' };
  const rel = files.find((f) => !f.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(f));
  if (rel) return { files, error: `"${rel}" is not an absolute path (the back end reads it, e.g. /srv/app/compose.yaml)` };
  return { files };
}

export interface ServiceProgress {
  step: ServiceStep;
  message?: string;
}

export interface JobState {
  services: Record<string, ServiceProgress>;
  resources: string[];
  log: string[];
  done?: string;
}

export const emptyJob: JobState = { services: {}, resources: [], log: [] };

/** Fold a job's events into per-service progress. */
export function reduceJob(state: JobState, events: readonly ComposeEvent[]): JobState {
  let next = state;
  for (const e of events) {
    if (e.kind === 'service') next = { ...next, services: { ...next.services, [e.service]: { step: e.step, message: e.message } } };
    else if (e.kind === 'resource') next = { ...next, resources: [...next.resources, `${e.what} ${e.name}: ${e.step}`] };
    else if (e.kind === 'log') next = { ...next, log: [...next.log.slice(-200), e.text] };
    else next = { ...next, done: e.message };
  }
  return next;
}

const OPENED_KEY = 'berth.compose.opened';

export function loadOpened(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): OpenedProject[] {
  try {
    const raw = JSON.parse(storage?.getItem(OPENED_KEY) ?? '[]') as unknown;
    return Array.isArray(raw) ? raw.filter((o): o is OpenedProject => Array.isArray((o as OpenedProject).files)) : [];
  } catch {
    return [];
  }
}

export function saveOpened(list: readonly OpenedProject[], storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  storage?.setItem(OPENED_KEY, JSON.stringify(list));
}
