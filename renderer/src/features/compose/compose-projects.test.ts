import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../contract/index.js';
import { actionNotice, actionPending, currentProject, deriveProjects, labelFiles, parseFileList, parseProfiles, downNotice, progressLabel, runningSummary, serviceProgress, serviceRows, upNotices, upOutcome } from './compose-projects.js';
import { emptyJob, reduceJob } from './project-jobs.js';
import { filterLines, MergedLogStore } from './merged-log-store.js';

const c = (name: string, project: string, service: string, state: ContainerSummary['state'], labels: Record<string, string> = {}): ContainerSummary =>
  ({ id: name, name, image: 'x', imageId: 'x', command: '', state, status: '', ports: [], created: 0, labels: { 'com.docker.compose.project': project, ...labels }, composeProject: project, composeService: service }) as ContainerSummary;

describe('compose projects', () => {
  it('derives projects from the containers’ labels, with their files, and adds opened ones', () => {
    const rows = deriveProjects(
      [c('a-web-1', 'a', 'web', 'running', { 'com.docker.compose.project.config_files': '/p/a/compose.yaml' }), c('a-db-1', 'a', 'db', 'exited'), c('a-run-x', 'a', 'web', 'running', { 'com.docker.compose.oneoff': 'True' })],
      [{ files: ['/p/b/compose.yaml'], name: 'b' }],
    );
    expect(rows.map((r) => [r.name, r.containers.length, r.running, r.files])).toEqual([
      ['a', 2, 1, ['/p/a/compose.yaml']],
      ['b', 0, 0, ['/p/b/compose.yaml']],
    ]);
  });
  it('counts running services, not containers, and says so: a scaled service and a finished one-shot do not skew it', () => {
    const [row] = deriveProjects(
      [c('a-web-1', 'a', 'web', 'running'), c('a-web-2', 'a', 'web', 'running'), c('a-web-3', 'a', 'web', 'exited'), c('a-init-1', 'a', 'init', 'exited'), c('a-db-1', 'a', 'db', 'running')],
      [],
    );
    expect(runningSummary(row!, true)).toBe('2/3 services running');
    expect(runningSummary(row!)).toBe('2 of 3 services running');
    expect(runningSummary(deriveProjects([c('b-web-1', 'b', 'web', 'running')], [])[0]!)).toBe('1 of 1 service running');
    expect(runningSummary(deriveProjects([], [{ files: ['/p/b/compose.yaml'], name: 'b' }])[0]!, true)).toBe('not up');
  });
  it('resolves docker-compose v1’s relative config_files against its working_dir', () => {
    const v1 = { 'com.docker.compose.project.config_files': 'docker-compose.yml,./sub/override.yml', 'com.docker.compose.project.working_dir': '/srv/app' };
    const rows = deriveProjects([c('v1_web_1', 'v1', 'web', 'running', v1)], []);
    expect(rows[0]!.files).toEqual(['/srv/app/docker-compose.yml', '/srv/app/sub/override.yml']);
    expect(labelFiles('../shared/compose.yml', '/srv/app/')).toEqual(['/srv/shared/compose.yml']);
    expect(labelFiles('docker-compose.yml', 'C:\\work\\app')).toEqual(['C:\\work\\app\\docker-compose.yml']);
    expect(labelFiles('/abs/compose.yaml', undefined)).toEqual(['/abs/compose.yaml']);
    // Without a working dir a relative file cannot be placed: the files are unknown (down goes by labels).
    expect(deriveProjects([c('v1_web_1', 'v1', 'web', 'running', { 'com.docker.compose.project.config_files': 'docker-compose.yml' })], [])[0]!.files).toBeUndefined();
    expect(labelFiles('', '/srv/app')).toBeUndefined();
  });
  it('lists an opened project under its own name: the same files under another name are another row', () => {
    const labels = { 'com.docker.compose.project.config_files': '/x/compose.yaml' };
    const rows = deriveProjects([c('p-web-1', 'qa1-port', 'web', 'running', labels)], [
      { files: ['/x/compose.yaml'], name: 'qa1-port' },
      { files: ['/x/compose.yaml'], projectName: 'qa1-staging', name: 'qa1-staging' },
    ]);
    expect(rows.map((r) => [r.name, r.containers.length, r.opened?.projectName])).toEqual([
      ['qa1-port', 1, undefined],
      ['qa1-staging', 0, 'qa1-staging'],
    ]);
  });
  it('asks for absolute paths', () => {
    expect(parseFileList('/a.yaml, /b.yaml').files).toEqual(['/a.yaml', '/b.yaml']);
    expect(parseFileList('compose.yaml').error).toContain('not an absolute path');
    expect(parseFileList(' ').error).toContain('Type or paste');
  });
  it('folds job events per service', () => {
    const s = reduceJob(emptyJob, [
      { kind: 'service', service: 'db', step: 'creating' },
      { kind: 'service', service: 'db', step: 'running' },
      { kind: 'done', message: 'up' },
    ]);
    expect(s.services.db!.step).toBe('running');
    expect(s.done).toBe('up');
  });
  it('shows what up warned of, but not the file’s warnings twice', () => {
    expect(
      upNotices([
        'warning: /p/compose.yaml:7:5: The X variable is not set. Defaulting to a blank string.',
        'warning: a network named proxy exists but was created for project "other"; it is shared with it (mark it "external: true" to say so)',
        'pulled x',
      ]),
    ).toEqual(['a network named proxy exists but was created for project "other"; it is shared with it (mark it "external: true" to say so)']);
  });
  it('does not leave an up reading "is up" once a container it started has exited non-zero', () => {
    const state = reduceJob(emptyJob, [
      { kind: 'service', service: 'app', step: 'running', container: 'p-app-1' },
      { kind: 'service', service: 'seed', step: 'running', container: 'p-seed-1' },
      { kind: 'done', message: 'Project "p" is up (2 services)' },
    ]);
    const job = { kind: 'up' as const, state, running: false };
    const app = c('p-app-1', 'p', 'app', 'running');
    const seed = (code: number) => ({ ...c('p-seed-1', 'p', 'seed', 'exited'), status: `Exited (${code}) 1 second ago` });
    expect(upOutcome(job, [app, seed(3)])).toEqual({ text: 'Project "p" is up (2 services); since then, service "seed" exited with code 3', failed: true });
    expect(upOutcome(job, [app, seed(0)])).toBeUndefined();
    expect(upOutcome(job, [app, c('p-seed-1', 'p', 'seed', 'running')])).toBeUndefined();
    expect(upOutcome({ ...job, running: true }, [app, seed(3)])).toBeUndefined();
    expect(upOutcome({ ...job, kind: 'pull' }, [app, seed(3)])).toBeUndefined();
  });
  it('shows a job’s steps while it runs, then the containers’ live state (a stop from the CLI shows)', () => {
    const state = reduceJob(emptyJob, [{ kind: 'service', service: 'web', step: 'running' }, { kind: 'service', service: 'db', step: 'failed', message: 'no image' }]);
    const stopped = [c('p-web-1', 'p', 'web', 'exited')];
    expect(serviceProgress('web', { state, running: true }, stopped)).toEqual({ step: 'running' });
    expect(serviceProgress('web', { state, running: false }, stopped)).toEqual({ step: 'exited' });
    expect(serviceProgress('web', { state, running: false }, [])).toBeUndefined();
    expect(serviceProgress('web', undefined, [c('p-web-1', 'p', 'web', 'running')])).toEqual({ step: 'running' });
    expect(serviceProgress('web', undefined, [c('p-web-1', 'p', 'web', 'running'), c('p-web-2', 'p', 'web', 'exited')])).toEqual({ step: 'running', message: '1 of 2 running' });
    // The exit code tells a finished one-shot from a failed one.
    const exited = (n: string, code: number) => ({ ...c(n, 'p', 'init', 'exited'), status: `Exited (${code}) 3 seconds ago` });
    expect(serviceProgress('init', undefined, [exited('p-init-1', 0)])).toEqual({ step: 'exited', message: 'code 0' });
    expect(serviceProgress('init', undefined, [exited('p-init-1', 3), exited('p-init-2', 0)])).toEqual({ step: 'exited', message: 'code 3, 0' });
    const up = (status: string) => ({ ...c('p-db-1', 'p', 'db', 'running'), status });
    expect(serviceProgress('db', undefined, [up('Up 2 minutes (healthy)')])).toEqual({ step: 'running', message: 'healthy' });
    expect(serviceProgress('db', undefined, [up('Up 3 seconds (health: starting)')])).toEqual({ step: 'running', message: 'health: starting' });
    expect(serviceProgress('db', undefined, [up('Up 2 minutes')])).toEqual({ step: 'running' });
    // A failure stays in view after the job: the containers may not say why.
    expect(serviceProgress('db', { state, running: false }, [c('p-db-1', 'p', 'db', 'created')])).toEqual({ step: 'failed', message: 'no image' });
    // Started since (a port freed, a start from the CLI): the live state shows, not the old failure.
    expect(serviceProgress('db', { state, running: false }, [c('p-db-1', 'p', 'db', 'running')])).toEqual({ step: 'running' });
    expect(serviceProgress('db', { state, running: false }, [c('p-db-1', 'p', 'db', 'running'), c('p-db-2', 'p', 'db', 'created')])).toEqual({ step: 'failed', message: 'no image' });
  });
  it('keeps the Progress cell short: a failure’s message goes to its tooltip (it is given in full below the table)', () => {
    const long = '"db" is unhealthy: its healthcheck failed 3 times in a row; the last check exited with code 7';
    expect(progressLabel({ step: 'failed', message: long })).toEqual({ text: 'failed', title: long });
    expect(progressLabel({ step: 'failed', message: 'no image' })).toEqual({ text: 'failed', title: 'no image' });
    expect(progressLabel({ step: 'exited', message: 'code 1' })).toEqual({ text: 'exited: code 1' });
    expect(progressLabel({ step: 'running', message: '1 of 2 running' })).toEqual({ text: 'running: 1 of 2 running' });
    expect(progressLabel({ step: 'exited', message: `code ${Array.from({ length: 20 }, (_, i) => i).join(', ')}` })).toEqual({ text: 'exited', title: expect.stringContaining('code 0, 1') });
    expect(progressLabel({ step: 'running' })).toEqual({ text: 'running' });
    expect(progressLabel(undefined)).toEqual({ text: '' });
  });
  it('words the actions’ notices in proper past tenses', () => {
    expect(actionNotice('stop', 1)).toBe('Stopped 1 container');
    expect(actionNotice('start', 2)).toBe('Started 2 containers');
    expect(actionNotice('restart', 3)).toBe('Restarted 3 containers');
    expect(actionNotice('stop', 1, 'web')).toBe('Stopped web (1 container)');
    expect(actionPending('stop', 'web')).toBe('Stopping web…');
    expect(actionPending('restart')).toBe('Restarting the project…');
    expect(downNotice({ containers: [1], networks: [1], volumes: [], images: [1, 2] })).toBe('Removed 1 container, 1 network, 0 volumes, 2 images');
  });
});

describe('merged log store', () => {
  it('keeps at most its limit of lines, oldest dropped, and filters by text and source', () => {
    const store = new MergedLogStore({ compose: { logs: () => ({ dispose() {} }) } }, 3);
    (store as unknown as { pending: unknown[] }).pending.push([
      { source: 0, stream: 'stdout', ts: 1, text: 'a1' },
      { source: 1, stream: 'stdout', ts: 2, text: 'b1' },
      { source: 0, stream: 'stdout', ts: 3, text: 'a2' },
      { source: 1, stream: 'stderr', ts: 4, text: 'b2' },
    ]);
    store.flush();
    expect(store.lines.map((l) => l.text)).toEqual(['b1', 'a2', 'b2']);
    expect(store.dropped).toBe(1);
    expect(filterLines(store.lines, /b/)).toEqual([0, 2]);
    expect(filterLines(store.lines, null, new Set([0]))).toEqual([1]);
  });
  it('lists the files’ services in file order, then services that only have containers, so each container can be opened', () => {
    const cs = [c('p-web-1', 'p', 'web', 'running'), c('p-old-1', 'p', 'old', 'exited'), c('p-db-2', 'p', 'db', 'running'), c('p-db-1', 'p', 'db', 'exited')];
    const rows = serviceRows(['web', 'db', 'cache'], cs);
    expect(rows.map((r) => [r.name, r.containers.map((x) => x.name), r.notInFiles ?? false])).toEqual([
      ['web', ['p-web-1'], false],
      ['db', ['p-db-1', 'p-db-2'], false],
      ['cache', [], false],
      ['old', ['p-old-1'], true],
    ]);
    // Files unknown (a project found by its labels whose files are gone): its containers' services, not flagged.
    expect(serviceRows(undefined, cs).map((r) => [r.name, r.notInFiles ?? false])).toEqual([
      ['web', false],
      ['old', false],
      ['db', false],
    ]);
  });
  it('says a service with containers is left out by its profile, not missing from the files', () => {
    const rows = serviceRows(['main'], [c('p-main-1', 'p', 'main', 'running'), c('p-debug-1', 'p', 'debug', 'running')], ['debug']);
    expect(rows.map((r) => [r.name, r.notInFiles ?? false, r.profileOff ?? false])).toEqual([
      ['main', false, false],
      ['debug', false, true],
    ]);
  });
  it('reads the profiles to activate, and names a bad one', () => {
    expect(parseProfiles(' debug, tools  debug ')).toEqual({ profiles: ['debug', 'tools'] });
    expect(parseProfiles('')).toEqual({ profiles: [] });
    expect(parseProfiles('debug, -x').error).toBe('"-x" is not a profile name: letters, digits, "_", "." and "-", starting with a letter or digit');
  });
});

describe('currentProject', () => {
  const rows = [{ name: 'a' }, { name: 'b' }];
  it('shows the selected project, or the first when none is selected', () => {
    expect(currentProject(rows, 'b')).toEqual({ current: { name: 'b' } });
    expect(currentProject(rows, undefined)).toEqual({ current: { name: 'a' } });
    expect(currentProject([], undefined)).toEqual({ current: undefined });
  });
  it('a selected project that left the list is gone, never replaced by another', () => {
    expect(currentProject(rows, 'c')).toEqual({ gone: 'c' });
  });
});
