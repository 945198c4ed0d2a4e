import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnvFile } from './env-file.js';
import { interpolate } from './interpolate.js';
import { loadProject } from './load-project.js';
import { normalizeProjectName } from './project-resources.js';

const BAD = path.join(import.meta.dirname, 'testdata', 'bad');

describe('bad compose files', () => {
  const files = readdirSync(BAD).sort();
  it('number at least 15', () => expect(files.length).toBeGreaterThanOrEqual(15));
  it.each(files)('%s: its error names the file, the line and what is wrong', async (f) => {
    const file = path.join(BAD, f);
    const [, line, text] = /# expect line (\d+): (.*)/.exec(readFileSync(file, 'utf8'))!;
    const r = await loadProject({ files: [file], env: {} });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const hit = r.errors.find((e) => e.line === Number(line) && e.message.includes(text!));
    expect(hit, JSON.stringify(r.errors)).toBeDefined();
    expect(hit!.file).toBe(file);
    expect(hit!.column).toBeGreaterThan(0);
  });
});

describe('interpolation', () => {
  const vars = { SET: 'v', EMPTY: '' };
  it.each([
    ['${SET}', 'v'], ['$SET', 'v'], ['${UNSET}', ''], ['${UNSET:-d}', 'd'], ['${EMPTY:-d}', 'd'], ['${EMPTY-d}', ''], ['${UNSET-d}', 'd'],
    ['${SET:+alt}', 'alt'], ['${EMPTY:+alt}', ''], ['${EMPTY+alt}', 'alt'], ['$$SET', '$SET'], ['a$$b', 'a$b'], ['${UNSET:-${SET}}', 'v'], ['x${SET}y', 'xvy'],
  ])('%s → %s', (input, out) => expect(interpolate(input, vars)).toBe(out));

  it('fails with the message of :? and ?', () => {
    expect(() => interpolate('${UNSET:?give it}', vars)).toThrow('required variable UNSET is not set: give it');
    expect(() => interpolate('${EMPTY:?give it}', vars)).toThrow('required variable EMPTY is empty: give it');
    expect(interpolate('${EMPTY?give it}', vars)).toBe('');
    expect(() => interpolate('${SET', vars)).toThrow('without its closing');
  });
});

describe('.env files', () => {
  it('reads quotes, comments, export and references', () => {
    const r = parseEnvFile('# c\nexport A=1\nB="two\\nlines"\nC=\'$A raw\'\nD=${A}x # note\nE\n', { E: 'from-env' });
    expect(r.values).toEqual({ A: '1', B: 'two\nlines', C: '$A raw', D: '1x', E: 'from-env' });
    expect(r.issues).toEqual([]);
  });
  it('names the line of a bad entry', () => {
    expect(parseEnvFile('A=1\n9X=2\n').issues[0]).toMatchObject({ line: 2 });
  });
  it('places a double quote left open on the line it opens, not the file’s last line', () => {
    expect(parseEnvFile('A=1\nB="open\nC=3\n\n').issues).toEqual([{ line: 2, column: 3, message: 'B: a double quote is not closed' }]);
    expect(parseEnvFile('A="two\nlines ${X:?needed}"\n').issues).toEqual([{ line: 1, column: 3, message: 'A: required variable X is not set: needed' }]);
  });
});

describe('project names (compose v2)', () => {
  it('normalizes a folder name', () => {
    expect(normalizeProjectName('25-Mixed_Case Folder!')).toBe('25-mixed_casefolder');
    expect(normalizeProjectName('__My.App')).toBe('myapp');
  });
  it('takes -p over COMPOSE_PROJECT_NAME over name: over the folder', async () => {
    const dir = path.join(import.meta.dirname, 'testdata', 'good', '23-top-level-name');
    const files = [path.join(dir, 'compose.yaml')];
    const name = async (o: { projectName?: string; env?: Record<string, string> }) => {
      const r = await loadProject({ files, env: o.env ?? {}, projectName: o.projectName });
      return r.ok ? r.project.name : r.errors[0]!.message;
    };
    expect(await name({})).toBe('chosen-name');
    expect(await name({ env: { COMPOSE_PROJECT_NAME: 'from-env' } })).toBe('from-env');
    expect(await name({ projectName: 'flag', env: { COMPOSE_PROJECT_NAME: 'from-env' } })).toBe('flag');
  });
  it('names containers <project>-<service>-<n> and builds images <project>-<service>', async () => {
    const r = await loadProject({ files: [path.join(import.meta.dirname, 'testdata', 'good', '20-build', 'compose.yaml')], env: {} });
    expect(r.ok && r.project.services.map((s) => s.image)).toEqual(['20-build-app', '20-build-plain']);
    const { containerName } = await import('./labels.js');
    if (r.ok) expect(containerName(r.project.name, r.project.services[0]!, 1)).toBe('20-build-app-1');
  });
});
