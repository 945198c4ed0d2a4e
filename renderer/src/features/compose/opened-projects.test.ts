import { describe, expect, it } from 'vitest';
import { forgetOpened, loadOpened, openedName, openProject, openRefusal, projectNameError, renameOpened, saveOpened, type OpenedProject } from './opened-projects.js';

const file = ['/x/compose.yaml'];

describe('opened compose projects', () => {
  it('keep the same files opened under another project name as another entry', () => {
    let { list } = openProject([], file);
    list = [...renameOpened(list, list[0]!, 'qa1-port')];
    ({ list } = openProject(list, file, 'qa1-staging'));
    expect(list.map(openedName)).toEqual(['qa1-port', 'qa1-staging']);
    // The unnamed entry loading again (its panel reloads) renames only itself, never the other one.
    expect(renameOpened(list, { files: file }, 'qa1-port')).toBe(list);
    expect(renameOpened(list, { files: file, projectName: 'qa1-staging' }, 'qa1-port')).toBe(list);
    expect(list.find((o) => o.projectName === 'qa1-staging')).toEqual({ files: file, projectName: 'qa1-staging', name: 'qa1-staging' });
  });

  it('replace the same files opened again under the same name', () => {
    let { list } = openProject([], file, 'a');
    ({ list } = openProject(list, file, 'a'));
    expect(list).toEqual([{ files: file, projectName: 'a', name: 'a' }]);
    // Asking for the name the files already gave is the same project.
    let unnamed = openProject([], file).list;
    unnamed = [...renameOpened(unnamed, unnamed[0]!, 'app')];
    expect(openProject(unnamed, file, 'app').list).toEqual([{ files: file, projectName: 'app', name: 'app' }]);
    // Reopened without a name, it keeps the name its files gave until it loads again.
    expect(openProject(unnamed, file).list).toEqual([{ files: file, name: 'app' }]);
  });

  it('drop an entry that loads as a duplicate of the same files under the same name', () => {
    const list: OpenedProject[] = [{ files: file, projectName: 'app', name: 'app' }, { files: file }];
    expect(renameOpened(list, { files: file }, 'app')).toEqual([{ files: file, projectName: 'app', name: 'app' }]);
  });

  it('can be forgotten, by the name they are listed under', () => {
    const list: OpenedProject[] = [{ files: ['/typo.yaml'] }, { files: file, projectName: 'b', name: 'b' }];
    expect(forgetOpened(list, '/typo.yaml')).toEqual([{ files: file, projectName: 'b', name: 'b' }]);
    expect(forgetOpened(list, 'b')).toEqual([{ files: ['/typo.yaml'] }]);
  });

  it('are saved, and an entry renamed by an older version is listed under the name asked for again', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    saveOpened([{ files: file, projectName: 'qa1_UP', name: 'qa1-port' }, { files: ['/y.yaml'], name: 'y' }], storage);
    expect(loadOpened(storage)).toEqual([{ files: file, projectName: 'qa1_UP', name: 'qa1_UP' }, { files: ['/y.yaml'], name: 'y' }]);
    store.set('berth.compose.opened', '[{"files":[]},null,{"files":"x"},{"files":["/z.yaml"],"name":3}]');
    expect(loadOpened(storage)).toEqual([{ files: ['/z.yaml'] }]);
  });

  it('check a typed project name by the engine side’s rule', () => {
    expect(projectNameError('')).toBeUndefined();
    expect(projectNameError('qa1-staging_2')).toBeUndefined();
    expect(projectNameError('qa1_UP')).toBe('The project name "qa1_UP" must be lower-case letters, digits, "_" and "-", starting with a letter or digit');
    expect(projectNameError('-x')).toContain('starting with a letter or digit');
  });
});

describe('opening files that are not there', () => {
  const issue = (message: string, missing?: true) => ({ file: '/x/compose.yaml', line: 1, column: 1, message, ...(missing ? { missing } : {}) });
  it('is refused, with every missing path named', () => {
    const load = { ok: false as const, errors: [issue('The compose file /x/compose.yaml does not exist', true), issue('/y is a folder without a compose file: looked for compose.yaml', true)], warnings: [] };
    expect(openRefusal(load)).toBe('Nothing was opened: The compose file /x/compose.yaml does not exist; /y is a folder without a compose file: looked for compose.yaml');
  });
  it('is not refused when the file is there but has errors (its panel lists them)', () => {
    expect(openRefusal({ ok: false, errors: [issue('services.web.image: expected a string')], warnings: [] })).toBeUndefined();
  });
});
