import type { ContainerSummary } from '../../../../contract/index.js';
import { openedName, type OpenedProject } from './opened-projects.js';
import type { JobState, ServiceProgress } from './project-jobs.js';

const CONFIG_FILES = 'com.docker.compose.project.config_files';
const WORKING_DIR = 'com.docker.compose.project.working_dir';

export interface ProjectRow {
  name: string;
  containers: ContainerSummary[];
  /** Containers running. */
  running: number;
  /** Services with containers, and how many of them run (at least one container running, as the Progress column reads it). */
  services: number;
  servicesRunning: number;
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
      row = { name, containers: [], running: 0, services: 0, servicesRunning: 0 };
      const workingDir = c.labels[WORKING_DIR] || undefined;
      if (workingDir) row.workingDir = workingDir;
      const files = labelFiles(c.labels[CONFIG_FILES], workingDir);
      if (files) row.files = files;
      by.set(name, row);
    }
    row.containers.push(c);
    if (c.state === 'running') row.running++;
  }
  for (const o of opened) {
    const name = openedName(o);
    const row = by.get(name) ?? { name, containers: [], running: 0, services: 0, servicesRunning: 0 };
    row.opened = o;
    row.files = o.files;
    by.set(name, row);
  }
  for (const row of by.values()) {
    const up = new Map<string, boolean>();
    for (const c of row.containers) up.set(c.composeService ?? c.name, (up.get(c.composeService ?? c.name) ?? false) || c.state === 'running');
    row.services = up.size;
    row.servicesRunning = [...up.values()].filter(Boolean).length;
  }
  for (const row of by.values()) row.containers.sort((a, b) => (a.composeService ?? '').localeCompare(b.composeService ?? '') || a.name.localeCompare(b.name));
  return [...by.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * How much of a project runs, counted in services (what the file names; a scaled service's replicas
 * or a finished one-shot do not skew it): "2/3 services running" in the list, "2 of 3 services running"
 * in the panel; "not up" without containers.
 */
export function runningSummary(row: Pick<ProjectRow, 'services' | 'servicesRunning'>, short = false): string {
  if (!row.services) return 'not up';
  const noun = row.services === 1 ? 'service' : 'services';
  return short ? `${row.servicesRunning}/${row.services} ${noun} running` : `${row.servicesRunning} of ${row.services} ${noun} running`;
}

/** The absolute paths the contract takes: POSIX, or a Windows drive path. */
const isAbsolute = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);

/**
 * The config_files label as absolute paths. docker-compose v1 writes them as given (often relative,
 * e.g. "docker-compose.yml"), beside an absolute working_dir; they are resolved against it. A relative
 * file without a working dir cannot be placed: the files are then unknown (down still works by labels).
 */
export function labelFiles(label: string | undefined, workingDir: string | undefined): string[] | undefined {
  const files = (label ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  if (!files.length) return undefined;
  const base = workingDir && isAbsolute(workingDir) ? workingDir : undefined;
  const out: string[] = [];
  for (const f of files) {
    if (isAbsolute(f)) out.push(f);
    else if (base) out.push(joinPath(base, f));
    else return undefined;
  }
  return out;
}

/** base + a relative path, with the base's separator; "." and ".." segments resolved. */
function joinPath(base: string, rel: string): string {
  const sep = /^[A-Za-z]:/.test(base) ? '\\' : '/';
  const parts = base.split(/[\\/]+/);
  if (parts.length > 1 && parts.at(-1) === '') parts.pop();
  for (const seg of rel.split(/[\\/]+/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length > 1) parts.pop();
    } else parts.push(seg);
  }
  return parts.length === 1 && sep === '/' ? '/' : parts.join(sep);
}

/** "/a/b.yaml, /c.yaml" or one per line → absolute paths; a readable error for a relative one. */
export function parseFileList(text: string): { files: string[]; error?: string } {
  const files = text.split(/[\n,]/).map((f) => f.trim()).filter(Boolean);
  if (!files.length) return { files, error: 'Type or paste the path of a compose file' };
  const rel = files.find((f) => !isAbsolute(f));
  if (rel) return { files, error: `"${rel}" is not an absolute path (the back end reads it, e.g. /srv/app/compose.yaml)` };
  return { files };
}

/**
 * What the Progress column shows for a service: the job's step while up/pull runs; once it is over,
 * the containers' live state (a stop or removal from the CLI shows), or the job's failure when it
 * failed there, until every container of the service runs (started since, from here or the CLI).
 */
export function serviceProgress(service: string, job: { state: JobState; running: boolean } | undefined, containers: readonly ContainerSummary[]): ServiceProgress | undefined {
  const p = job?.state.services[service];
  const mine = containers.filter((c) => c.composeService === service);
  if (job?.running) return p;
  if (p?.step === 'failed' && !(mine.length && mine.every((c) => c.state === 'running'))) return p;
  if (!mine.length) return undefined;
  const running = mine.filter((c) => c.state === 'running').length;
  if (mine.every((c) => c.state === mine[0]!.state)) {
    // A one-shot that finished and one that failed both read "exited": the exit code tells them apart.
    const codes = [...new Set(mine.map((c) => /^Exited \((-?\d+)\)/.exec(c.status)?.[1]).filter((x) => x !== undefined))];
    if (mine[0]!.state === 'exited' && codes.length) return { step: 'exited', message: `code ${codes.join(', ')}` };
    // A healthcheck's verdict, as the engine's status text gives it: "Up 2 minutes (healthy)".
    const health = [...new Set(mine.map((c) => /\((healthy|unhealthy|health: starting)\)/.exec(c.status)?.[1]).filter((x) => x !== undefined))];
    return mine[0]!.state === 'running' && health.length ? { step: 'running', message: health.join(', ') } : { step: mine[0]!.state };
  }
  return { step: running ? 'running' : mine[0]!.state, message: `${running} of ${mine.length} running` };
}

/**
 * An up that ended "is up" while a container it started has since exited with a non-zero code (a
 * one-shot that failed after up looked, or a server that crashed): the outcome says so, by service and
 * code, from the live container list, instead of a bare "is up". Undefined while it holds.
 */
export function upOutcome(job: { kind: 'up' | 'pull'; state: JobState; running: boolean; error?: string }, containers: readonly ContainerSummary[]): { text: string; failed: boolean } | undefined {
  if (job.running || job.kind !== 'up' || job.error || !job.state.done) return undefined;
  const exited = Object.entries(job.state.services).flatMap(([service, p]) => {
    if ((p.step !== 'running' && p.step !== 'unchanged') || !p.container) return [];
    const c = containers.find((x) => x.id === p.container);
    const code = c?.state === 'exited' ? Number(/^Exited \((-?\d+)\)/.exec(c.status)?.[1] ?? 0) : 0;
    return code ? [`service "${service}" exited with code ${code}`] : [];
  });
  return exited.length ? { text: `${job.state.done}; since then, ${exited.join('; ')}`, failed: true } : undefined;
}

/**
 * The warnings an up sent that the panel shows below its outcome: a reused network, orphans. The file's
 * own warnings (at a file:line:column) are left out: the Warnings list under the table has them already.
 */
export function upNotices(log: readonly string[]): string[] {
  return log.filter((l) => l.startsWith('warning: ') && !/^warning: \S+:\d+:\d+: /.test(l)).map((l) => l.slice('warning: '.length));
}

/** Longer progress messages go to the cell's tooltip, so a narrow column does not wrap into a tall one. */
const SHORT_MESSAGE = 32;

/**
 * The Progress cell's text and tooltip. A failure reads "failed" with its message in the tooltip: the
 * message is given in full below the table, and wrapped in the column it made a tall, narrow cell.
 * Short notes ("code 1", "healthy", "1 of 2 running") stay in the text.
 */
export function progressLabel(p: ServiceProgress | undefined): { text: string; title?: string } {
  if (!p) return { text: '' };
  if (!p.message) return { text: p.step };
  if (p.step === 'failed' || p.message.length > SHORT_MESSAGE) return { text: p.step, title: p.message };
  return { text: `${p.step}: ${p.message}` };
}

const PAST: Record<'start' | 'stop' | 'restart', string> = { start: 'Started', stop: 'Stopped', restart: 'Restarted' };

const PENDING: Record<'start' | 'stop' | 'restart', string> = { start: 'Starting', stop: 'Stopping', restart: 'Restarting' };

/** "Stopped 2 containers", or for one service "Stopped web (1 container)". */
export function actionNotice(action: 'start' | 'stop' | 'restart', count: number, service?: string): string {
  const n = `${count} container${count === 1 ? '' : 's'}`;
  return service ? `${PAST[action]} ${service} (${n})` : `${PAST[action]} ${n}`;
}

/** While it runs (a stop waits up to each service's stop_grace_period): "Stopping web…". */
export function actionPending(action: 'start' | 'stop' | 'restart', service?: string): string {
  return `${PENDING[action]} ${service ?? 'the project'}…`;
}

export interface ServiceRow {
  name: string;
  /** The service's containers (from their labels), in name order. */
  containers: ContainerSummary[];
  /** It has containers but is not in the loaded files (removed from them). */
  notInFiles?: boolean;
  /** It has containers but is left out of the loaded project: none of its profiles is active. */
  profileOff?: boolean;
}

/**
 * The rows of a project's services table: the loaded files' services in file order, then services that
 * only have containers (not in the files, or the files unknown), so every container can be reached.
 */
export function serviceRows(fileServices: readonly string[] | undefined, containers: readonly ContainerSummary[], disabled: readonly string[] = []): ServiceRow[] {
  const rows: ServiceRow[] = (fileServices ?? []).map((name) => ({ name, containers: [] }));
  const by = new Map(rows.map((r) => [r.name, r]));
  for (const c of containers) {
    const name = c.composeService ?? c.name;
    let row = by.get(name);
    if (!row) {
      row = !fileServices ? { name, containers: [] } : disabled.includes(name) ? { name, containers: [], profileOff: true } : { name, containers: [], notInFiles: true };
      by.set(name, row);
      rows.push(row);
    }
    row.containers.push(c);
  }
  for (const r of rows) r.containers.sort((a, b) => a.name.localeCompare(b.name));
  return rows;
}

/** "debug, tools" or "debug tools" → profile names, or a readable error for a bad one. */
export function parseProfiles(text: string): { profiles: string[]; error?: string } {
  const profiles = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  const bad = profiles.find((p) => !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(p));
  return bad ? { profiles, error: `"${bad}" is not a profile name: letters, digits, "_", "." and "-", starting with a letter or digit` } : { profiles };
}

/** "1 network", "3 volumes". */
export const countOf = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** "Removed 3 containers, 1 network, 0 volumes, 0 images". */
export function downNotice(r: { containers: unknown[]; networks: unknown[]; volumes: unknown[]; images: unknown[] }): string {
  return `Removed ${countOf(r.containers.length, 'container')}, ${countOf(r.networks.length, 'network')}, ${countOf(r.volumes.length, 'volume')}, ${countOf(r.images.length, 'image')}`;
}

/**
 * The project the panel shows: the one the user selected, else the first. A selected project that left
 * the list (its containers removed from the CLI, or it was taken down) is `gone`: the panel never slips to
 * another project under the user's hand, where a click meant for the old one would act on it.
 */
export function currentProject<R extends { name: string }>(rows: readonly R[], selected: string | undefined): { current?: R; gone?: string } {
  if (selected === undefined) return { current: rows[0] };
  const current = rows.find((r) => r.name === selected);
  return current ? { current } : { gone: selected };
}
