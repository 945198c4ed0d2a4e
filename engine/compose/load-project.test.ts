import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from './load-project.js';

const root = mkdtempSync(path.join(tmpdir(), 'berth-load-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder under the test's root with these files. */
function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

const minimal = (image = 'berth-test/busybox:latest') => `services:\n  web:\n    image: ${image}\n`;

describe('a folder given as the compose file', () => {
  it('reads the compose file docker compose would find in it, with its override', async () => {
    const dir = folder('with-override', { 'docker-compose.yml': minimal(), 'docker-compose.override.yml': 'services:\n  web:\n    command: ["true"]\n' });
    const r = await loadProject({ files: [dir], env: {} });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.project.configFiles).toEqual([path.join(dir, 'docker-compose.yml'), path.join(dir, 'docker-compose.override.yml')]);
    expect(r.project.workingDir).toBe(dir);
    expect(r.project.name).toBe('with-override');
    expect(r.project.services[0]!.command).toEqual(['true']);
  });

  it('prefers compose.yaml and warns that there are several', async () => {
    const dir = folder('several', { 'compose.yaml': minimal('a:1'), 'docker-compose.yml': minimal('b:1') });
    const r = await loadProject({ files: [`${dir}/`], env: {} });
    expect(r.ok && r.project.services[0]!.image).toBe('a:1');
    expect(r.ok && r.project.warnings.map((w) => w.message)).toEqual([expect.stringContaining('several compose files (compose.yaml, docker-compose.yml): using compose.yaml')]);
  });

  it('says which names it looked for in a folder without one', async () => {
    const dir = folder('empty', { 'notes.txt': 'x' });
    const r = await loadProject({ files: [dir], env: {} });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([expect.objectContaining({ file: dir, message: expect.stringContaining('looked for compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml') })]);
    expect(r.errors[0]!.message).not.toContain('EISDIR');
    expect(r.errors[0]!.missing).toBe(true);
  });
  it('marks a path that is not there as missing (the Open form refuses it), and a file with errors as not', async () => {
    const gone = path.join(root, 'nowhere', 'compose.yaml');
    const r = await loadProject({ files: [gone], env: {} });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([{ file: gone, line: 1, column: 1, message: `The compose file ${gone} does not exist`, missing: true }]);
    const bad = await loadProject({ files: [path.join(folder('bad', { 'compose.yaml': 'services:\n  web: {}\n' }), 'compose.yaml')], env: {} });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.some((e) => e.missing)).toBe(false);
  });
});

describe('unset variables', () => {
  it('warn once per variable, at its first use, as docker compose does, and default to ""', async () => {
    const dir = folder('unset', { 'compose.yaml': 'services:\n  web:\n    image: berth-test/busybox:${TAG}\n    environment:\n      A: ${TAG}-${OTHER:-x}-$MISSING\n' });
    const r = await loadProject({ files: [path.join(dir, 'compose.yaml')], env: {} });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.project.services[0]!.image).toBe('berth-test/busybox:');
    expect(r.project.warnings).toEqual([
      expect.objectContaining({ line: 3, column: 12, message: 'The TAG variable is not set. Defaulting to a blank string.' }),
      expect.objectContaining({ line: 5, message: 'The MISSING variable is not set. Defaulting to a blank string.' }),
    ]);
  });
});

describe('build contexts', () => {
  it('are checked when the file is loaded: a missing folder, a file, or a missing Dockerfile, each at its line', async () => {
    const dir = folder('builds', {
      'compose.yaml': 'services:\n  a:\n    build: ./missing-dir\n  b:\n    build:\n      context: ./notes.txt\n  c:\n    build: ./app\n  ok:\n    build: ./app-ok\n',
      'notes.txt': 'x',
      'app/readme': 'no Dockerfile here',
      'app-ok/Dockerfile': 'FROM scratch\n',
    });
    const r = await loadProject({ files: [path.join(dir, 'compose.yaml')], env: {} });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [3, `Service "a": the build context ${path.join(dir, 'missing-dir')} does not exist`],
      [6, `Service "b": the build context ${path.join(dir, 'notes.txt')} is not a folder`],
      [8, `Service "c": the Dockerfile ${path.join(dir, 'app', 'Dockerfile')} does not exist`],
    ]);
  });

  it('of services that profiles disable are not checked', async () => {
    const dir = folder('builds-off', { 'compose.yaml': 'services:\n  web:\n    image: x:1\n  tool:\n    build: ./missing\n    profiles: [tools]\n' });
    expect((await loadProject({ files: [path.join(dir, 'compose.yaml')], env: {} })).ok).toBe(true);
  });
});

describe('a file that is not a mapping', () => {
  it('gets one error in words, not a second raw "expected object" from the schema', async () => {
    const dir = folder('not-a-map', { 'env.yaml': 'GREETING=hello world\n', 'list.yaml': '- a\n- b\n', 'empty.yaml': '' });
    for (const [file, message] of [
      ['env.yaml', 'A compose file must be a mapping with a "services" key'],
      ['list.yaml', 'A compose file must be a mapping with a "services" key'],
      ['empty.yaml', 'The file is empty: a compose file needs a "services" mapping'],
    ]) {
      const r = await loadProject({ files: [path.join(dir, file!)], env: {} });
      expect(r.ok ? [] : r.errors.map((e) => e.message), file).toEqual([message]);
    }
  });
});

describe('depends_on with required: false', () => {
  const file = `services:
  app:
    image: berth-test/busybox:latest
    depends_on:
      debug:
        condition: service_started
        required: false
      db:
        condition: service_started
  debug:
    image: berth-test/busybox:latest
    profiles: [debug]
  db:
    image: berth-test/busybox:latest
`;

  it('skips a dependency its profiles leave out, with a warning, as compose v2 does (it was an error)', async () => {
    const dir = folder('optional-dep', { 'compose.yaml': file });
    const r = await loadProject({ files: [dir], env: {} });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.project.services.find((s) => s.name === 'app')!.dependsOn).toEqual({ db: { condition: 'service_started' } });
    expect(r.project.warnings).toEqual([
      expect.objectContaining({ line: 6, message: 'Service "app": its optional dependency "debug" is left out (its profiles are not active); "app" starts without it' }),
    ]);
  });

  it('keeps it when its profile is active, and a required one left out is still an error', async () => {
    const dir = folder('optional-dep-on', { 'compose.yaml': file });
    const on = await loadProject({ files: [dir], env: {}, profiles: ['debug'] });
    expect(on.ok && on.project.services.find((s) => s.name === 'app')!.dependsOn.debug).toEqual({ condition: 'service_started' });
    expect(on.ok && on.project.warnings).toEqual([]);
    const strict = folder('required-dep', { 'compose.yaml': file.replace('required: false', 'required: true') });
    const r = await loadProject({ files: [strict], env: {} });
    expect(!r.ok && r.errors.map((e) => e.message)).toEqual(['Service "app" depends on "debug", which its profiles disable; activate one of them']);
  });
});
