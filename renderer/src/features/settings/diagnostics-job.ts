import { useEffect, useSyncExternalStore } from 'react';
import type { Disposable, DownloadHandlers } from '../../../../contract/define.js';
import type { DiagnosticsHead } from '../../../../contract/domains/diagnostics.js';
import { messageOf } from '../../lib/error-message.js';

export type DiagnosticsState = { phase: 'idle' } | { phase: 'building' } | { phase: 'saved'; text: string } | { phase: 'failed'; text: string };

/** Opens `diagnostics.bundle` (the contract's download). */
export type OpenBundle = (handlers: DownloadHandlers<DiagnosticsHead>) => Disposable;

export interface DiagnosticsJobOptions {
  open: OpenBundle;
  /** Hands the finished file to the browser (files/download-transfer saveBlob). */
  save(blob: Blob, fileName: string): void;
  /** Says how it ended where the user is, when no Settings page shows it (a floating notice). */
  notify(notice: { tone: 'success' | 'error'; title: string }): void;
}

/**
 * The diagnostics bundle of one window. It outlives the Settings page: a user who clicked "Download
 * diagnostics bundle" and went elsewhere still wants the file. Before, the job was the button's own
 * state: the file still arrived, but the page that came back had forgotten it (the button was enabled
 * again, with no word of the bundle being built or saved), so a second click built a second one.
 * Here it runs on; its outcome is kept for the Settings page, and told as a notice wherever the user
 * is when no Settings page is open. One job at a time; made with the window's runtime (app/runtime.ts).
 */
export class DiagnosticsJob implements Disposable {
  private state: DiagnosticsState = { phase: 'idle' };
  private sub?: Disposable;
  private viewers = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: DiagnosticsJobOptions) {}

  get = (): DiagnosticsState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A page showing the job (Settings): while one does, the outcome is told there, not as a notice. */
  view(): () => void {
    this.viewers++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.viewers--;
    };
  }

  /** Builds and saves a bundle; a click while one is being built does nothing. */
  start(): void {
    if (this.state.phase === 'building') return;
    this.set({ phase: 'building' });
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let fileName = 'berth-diagnostics.tar.gz';
    let done = false;
    this.sub = this.options.open({
      start: (head) => void (fileName = head.fileName),
      data: (chunk) => void parts.push(chunk as Uint8Array<ArrayBuffer>),
      end: () => {
        if (done) return;
        done = true;
        const blob = new Blob(parts, { type: 'application/gzip' });
        this.options.save(blob, fileName);
        this.finish({ phase: 'saved', text: `Saved ${fileName} (${Math.max(1, Math.round(blob.size / 1024))} KB).` }, `Diagnostics bundle saved: ${fileName}`);
      },
      error: (err) => {
        if (done) return;
        done = true;
        const text = `Could not build the bundle: ${messageOf(err)}`;
        this.finish({ phase: 'failed', text }, `Diagnostics bundle: ${text}`);
      },
    });
  }

  /** The window goes: a bundle still being built is cancelled. */
  dispose(): void {
    this.sub?.dispose();
    this.sub = undefined;
    this.listeners.clear();
  }

  private finish(state: DiagnosticsState & { text: string }, notice: string): void {
    this.sub = undefined;
    this.set(state);
    if (this.viewers === 0) this.options.notify({ tone: state.phase === 'saved' ? 'success' : 'error', title: notice });
  }

  private set(state: DiagnosticsState): void {
    this.state = state;
    for (const l of [...this.listeners]) l();
  }
}

/** The job's state, re-rendering as it moves; the calling page counts as showing it while mounted. */
export function useDiagnosticsJob(job: DiagnosticsJob): DiagnosticsState {
  useEffect(() => job.view(), [job]);
  return useSyncExternalStore(job.subscribe, job.get);
}
