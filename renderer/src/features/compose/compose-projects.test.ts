import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../contract/index.js';
import { deriveProjects, parseFileList, reduceJob, emptyJob } from './compose-projects.js';
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
});
