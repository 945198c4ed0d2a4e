import { describe, expect, it } from 'vitest';
import { buildArgs, tagProblem } from './image-build.js';

describe('build tags and arguments', () => {
  it('accepts valid references', () => {
    for (const t of ['app', 'app:1.0', 'team/app:dev_2', 'localhost:5000/app', 'registry.example.com:443/a/b/c:v1', 'a-b.c__d']) expect(tagProblem(t)).toBeUndefined();
  });

  it('explains invalid ones', () => {
    expect(tagProblem('App')).toMatch(/lowercase/);
    expect(tagProblem('app:')).toMatch(/empty tag/);
    expect(tagProblem('app:-x')).toMatch(/invalid tag "-x"/);
    expect(tagProblem('app@sha256:abc')).toMatch(/digest/);
    expect(tagProblem('my app')).toMatch(/space/);
    expect(tagProblem('app//x')).toMatch(/not a valid image reference/);
  });

  it('validates the whole request with field names', () => {
    const r = buildArgs.safeParse({ context: '/x', tags: ['ok', 'Bad'], buildArgs: ['NOEQUALS'] });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['tags.1', 'buildArgs.0']));
    expect(buildArgs.parse({ context: '/x' })).toEqual({ context: '/x', dockerfile: 'Dockerfile', tags: [], buildArgs: [], noCache: false });
    expect(buildArgs.safeParse({ context: '/x', extra: 1 }).success).toBe(false);
  });
});
