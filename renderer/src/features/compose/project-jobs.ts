import { useCallback, useSyncExternalStore } from 'react';
import type { ContainerState, Disposable } from '../../../../contract/index.js';
import type { ComposeEvent, ServiceStep } from '../../../../contract/models/compose.js';

// The job's state and its reducer live here, not in compose-projects.ts (which reads project names
// with zod): the window's runtime makes the job list, and zod must stay out of the first chunk.
export interface ServiceProgress {
  /** A job's step while (or, for a failure, after) it runs; otherwise the containers' live state. */
  step: ServiceStep | ContainerState;
  message?: string;
  /** The container the job's step is about, when it names one. */
  container?: string;
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
    if (e.kind === 'service') next = { ...next, services: { ...next.services, [e.service]: { step: e.step, message: e.message, ...(e.container ? { container: e.container } : {}) } } };
    else if (e.kind === 'resource') next = { ...next, resources: [...next.resources, `${e.what} ${e.name}: ${e.step}`] };
    else if (e.kind === 'log') next = { ...next, log: [...next.log.slice(-200), e.text] };
    else next = { ...next, done: e.message };
  }
  return next;
}

export interface Job {
  kind: 'up' | 'pull';
  state: JobState;
  running: boolean;
  error?: string;
}

/** How a job's stream is opened: `api.compose.up` or `.pull` with the project's arguments. */
export type OpenJobStream = (observer: { next(events: readonly ComposeEvent[]): void; error(err: { message: string }): void; complete(): void }) => Disposable;

interface Entry {
  job: Job;
  sub?: Disposable;
}

/**
 * The up and pull jobs of one window, by project name. They live outside the project's panel: the panel
 * unmounts when another project is selected or the page is left, and disposing the job's stream there
 * cancelled the up half-way (a service waiting for a healthy dependency was never created) without a
 * word. Here the job runs on, and the panel shows its progress again when it comes back. One per
 * window, made with the window's runtime (app/runtime.ts).
 */
export class ProjectJobs implements Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();

  get(project: string): Job | undefined {
    return this.entries.get(project)?.job;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Start a job for `project`, replacing (and cancelling) the one before. */
  start(project: string, kind: Job['kind'], open: OpenJobStream): void {
    this.entries.get(project)?.sub?.dispose();
    const entry: Entry = { job: { kind, state: emptyJob, running: true } };
    this.entries.set(project, entry);
    const update = (f: (j: Job) => Job) => {
      // A job replaced by a newer one (or cancelled) no longer speaks for the project.
      if (this.entries.get(project) !== entry) return;
      entry.job = f(entry.job);
      this.emit();
    };
    entry.sub = open({
      next: (events) => update((j) => ({ ...j, state: reduceJob(j.state, events) })),
      error: (err) => update((j) => ({ ...j, running: false, error: err.message })),
      complete: () => update((j) => ({ ...j, running: false })),
    });
    this.emit();
  }

  /** Cancel a running job: what was already created stays. */
  cancel(project: string): void {
    const entry = this.entries.get(project);
    if (!entry?.job.running) return;
    entry.sub?.dispose();
    // A new entry: whatever the disposed stream still says (a late error, say) no longer reaches it.
    this.entries.set(project, { job: { ...entry.job, running: false, error: 'Cancelled: what was already created stays; up again to finish' } });
    this.emit();
  }

  /**
   * Forget a finished job: a later start, stop, restart or down supersedes its outcome, which would
   * otherwise still say "Project … is up" under "Stopped 2 containers". A running job stays.
   */
  clear(project: string): void {
    const entry = this.entries.get(project);
    if (!entry || entry.job.running) return;
    this.entries.delete(project);
    this.emit();
  }

  /** The window goes: its running jobs' streams are closed. */
  dispose(): void {
    for (const entry of this.entries.values()) entry.sub?.dispose();
    this.entries.clear();
    this.listeners.clear();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

/** The project's current job, re-rendering as it moves. */
export function useProjectJob(jobs: ProjectJobs, project: string): Job | undefined {
  const get = useCallback(() => jobs.get(project), [jobs, project]);
  return useSyncExternalStore(jobs.subscribe, get);
}
