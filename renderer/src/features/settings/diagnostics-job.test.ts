import { describe, expect, it } from 'vitest';
import type { DownloadHandlers } from '../../../../contract/define.js';
import type { DiagnosticsHead } from '../../../../contract/domains/diagnostics.js';
import { BerthError } from '../../../../contract/errors.js';
import { DiagnosticsJob } from './diagnostics-job.js';

/** A job over a fake `diagnostics.bundle` whose stream the test drives. */
function setup() {
  const opened: DownloadHandlers<DiagnosticsHead>[] = [];
  let disposed = 0;
  const saved: { fileName: string; size: number }[] = [];
  const notices: { tone: string; title: string }[] = [];
  const job = new DiagnosticsJob({
    open: (h) => {
      opened.push(h);
      return { dispose: () => void disposed++ };
    },
    save: (blob, fileName) => void saved.push({ fileName, size: blob.size }),
    notify: (n) => void notices.push(n),
  });
  const finish = (h: DownloadHandlers<DiagnosticsHead>) => {
    h.start({ fileName: 'berth-diagnostics-x.tar.gz', size: 2048 });
    void h.data(new Uint8Array(2048));
    h.end();
  };
  return { job, opened, saved, notices, finish, disposed: () => disposed };
}

describe('the diagnostics bundle outlives the Settings page', () => {
  it('goes on after the page is left: the file is saved, the outcome kept for when the page comes back, and told as a notice', () => {
    const { job, opened, saved, notices, finish, disposed } = setup();
    const leave = job.view();
    job.start();
    expect(job.get()).toEqual({ phase: 'building' });
    leave();
    // Coming back while it is built: still one bundle, not a second.
    const back = job.view();
    job.start();
    expect(opened).toHaveLength(1);
    back();
    finish(opened[0]!);
    expect(disposed()).toBe(0);
    expect(saved).toEqual([{ fileName: 'berth-diagnostics-x.tar.gz', size: 2048 }]);
    expect(job.get()).toEqual({ phase: 'saved', text: 'Saved berth-diagnostics-x.tar.gz (2 KB).' });
    expect(notices).toEqual([{ tone: 'success', title: 'Diagnostics bundle saved: berth-diagnostics-x.tar.gz' }]);
  });

  it('tells a failure as an error notice when no Settings page shows it, and only on the page when one does', () => {
    const { job, opened, notices, finish } = setup();
    job.start();
    opened[0]!.error!(new BerthError('ENGINE_UNAVAILABLE', 'The engine did not answer'));
    expect(job.get()).toEqual({ phase: 'failed', text: 'Could not build the bundle: The engine did not answer' });
    expect(notices).toEqual([{ tone: 'error', title: 'Diagnostics bundle: Could not build the bundle: The engine did not answer' }]);

    const shown = job.view();
    job.start();
    finish(opened[1]!);
    expect(job.get().phase).toBe('saved');
    expect(notices).toHaveLength(1);
    shown();
  });

  it('cancels a bundle still being built when the window goes', () => {
    const { job, disposed } = setup();
    job.start();
    job.dispose();
    expect(disposed()).toBe(1);
  });
});
