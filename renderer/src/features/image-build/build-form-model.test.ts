import { describe, expect, it } from 'vitest';
import { emptyForm, isBuildFormChanged, toBuildArgs } from './build-form-model.js';

describe('build form', () => {
  it('turns the form into build arguments', () => {
    const r = toBuildArgs({ ...emptyForm('/src/app'), tags: 'app:dev, localhost:5000/team/app:1', args: [{ id: 1, key: 'V', value: 'a=b' }, { id: 2, key: '', value: '' }], target: 'base', noCache: true });
    expect(r).toEqual({ ok: true, args: { context: '/src/app', dockerfile: 'Dockerfile', tags: ['app:dev', 'localhost:5000/team/app:1'], buildArgs: ['V=a=b'], target: 'base', noCache: true } });
  });

  it('names each problem: relative context, bad tag, bad build arg name', () => {
    const r = toBuildArgs({ ...emptyForm('src'), tags: 'MyApp:1', args: [{ id: 1, key: '1BAD', value: 'x' }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.context).toMatch(/absolute path/);
    expect(r.errors.tags).toBe('Tag "MyApp:1" must be lowercase in the repository name');
    expect(r.errors.args).toMatch(/Build arg name "1BAD"/);
  });

  it('is changed once it would build something else; blank rows, spaces and separators do not count', () => {
    const from = emptyForm('/src/app');
    expect(isBuildFormChanged({ ...from, context: ' /src/app ', dockerfile: '', args: [{ id: 1, key: '', value: '' }] }, from)).toBe(false);
    expect(isBuildFormChanged({ ...from, tags: 'a:1 b:2' }, { ...from, tags: 'a:1, b:2' })).toBe(false);
    expect(isBuildFormChanged({ ...from, context: '/src/other' }, from)).toBe(true);
    expect(isBuildFormChanged({ ...from, tags: 'app:dev' }, from)).toBe(true);
    expect(isBuildFormChanged({ ...from, args: [{ id: 1, key: 'V', value: '' }] }, from)).toBe(true);
    expect(isBuildFormChanged({ ...from, noCache: true }, from)).toBe(true);
  });
});
