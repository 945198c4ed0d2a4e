import { describe, expect, it } from 'vitest';
import { ProjectJobs, type OpenJobStream } from './project-jobs.js';

/** A job stream the test drives by hand, and whether it was disposed (which cancels on the back end). */
function fakeStream() {
  let observer!: Parameters<OpenJobStream>[0];
  const s = { disposed: false, open: ((o) => ((observer = o), { dispose: () => void (s.disposed = true) })) as OpenJobStream, get observer() { return observer; } };
  return s;
}

describe('compose project jobs', () => {
  it('run on with nobody watching, and tell a new watcher their progress and outcome', () => {
    const jobs = new ProjectJobs();
    const s = fakeStream();
    const off = jobs.subscribe(() => undefined);
    jobs.start('web', 'up', s.open);
    off(); // the panel unmounts: another project was selected
    s.observer.next([{ kind: 'service', service: 'db', step: 'healthy' }]);
    s.observer.next([{ kind: 'done', message: 'Project "web" is up (1 service)' }]);
    s.observer.complete();
    expect(s.disposed).toBe(false);
    expect(jobs.get('web')).toMatchObject({ kind: 'up', running: false, state: { services: { db: { step: 'healthy' } }, done: 'Project "web" is up (1 service)' } });
  });

  it('cancel disposes the stream and says what stays; a late event from it changes nothing', () => {
    const jobs = new ProjectJobs();
    const s = fakeStream();
    jobs.start('web', 'up', s.open);
    jobs.cancel('web');
    expect(s.disposed).toBe(true);
    s.observer.error({ message: 'Cancelled' });
    expect(jobs.get('web')).toMatchObject({ running: false, error: 'Cancelled: what was already created stays; up again to finish' });
  });

  it('clear forgets a finished job only: a running one keeps its progress', () => {
    const jobs = new ProjectJobs();
    const s = fakeStream();
    let heard = 0;
    jobs.subscribe(() => heard++);
    jobs.start('web', 'up', s.open);
    jobs.clear('web');
    expect(jobs.get('web')?.running).toBe(true);
    s.observer.complete();
    jobs.clear('web');
    expect(jobs.get('web')).toBeUndefined();
    expect(heard).toBe(3);
  });

  it('keep each project’s job apart', () => {
    const jobs = new ProjectJobs();
    const [a, b] = [fakeStream(), fakeStream()];
    jobs.start('a', 'up', a.open);
    jobs.start('b', 'pull', b.open);
    a.observer.error({ message: 'Port 80 is already in use' });
    expect(jobs.get('a')).toMatchObject({ running: false, error: 'Port 80 is already in use' });
    expect(jobs.get('b')).toMatchObject({ kind: 'pull', running: true });
  });
});
