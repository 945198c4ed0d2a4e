import { describe, expect, it } from 'vitest';
import { familiarRepository, formatReference, parseImageReference, parseTagTarget, repositoryName, withDefaultTag } from './image-reference.js';

const ok = (s: string) => {
  const r = parseImageReference(s);
  if (!r.ok) throw new Error(r.error);
  return r.ref;
};
const err = (s: string) => {
  const r = parseImageReference(s);
  if (r.ok) throw new Error(`expected "${s}" to be invalid`);
  return r.error;
};
const SHA = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference', () => {
  it.each([
    ['nginx', 'docker.io', 'library/nginx', undefined, undefined],
    ['nginx:1.27', 'docker.io', 'library/nginx', '1.27', undefined],
    ['library/nginx:latest', 'docker.io', 'library/nginx', 'latest', undefined],
    ['docker.io/nginx', 'docker.io', 'library/nginx', undefined, undefined],
    ['index.docker.io/user/app:v1', 'docker.io', 'user/app', 'v1', undefined],
    ['user/app', 'docker.io', 'user/app', undefined, undefined],
    ['ghcr.io/owner/app:1.0-rc.1', 'ghcr.io', 'owner/app', '1.0-rc.1', undefined],
    ['127.0.0.1:5000/berth-e2e/x:1', '127.0.0.1:5000', 'berth-e2e/x', '1', undefined],
    ['localhost/app', 'localhost', 'app', undefined, undefined],
    ['localhost:5000/a/b/c:tag_1', 'localhost:5000', 'a/b/c', 'tag_1', undefined],
    ['registry.example.com:443/team/app', 'registry.example.com:443', 'team/app', undefined, undefined],
    [`busybox@${SHA}`, 'docker.io', 'library/busybox', undefined, SHA],
    [`127.0.0.1:5000/x:1@${SHA}`, '127.0.0.1:5000', 'x', '1', SHA],
    ['my_app/sub__name-x.v2', 'docker.io', 'my_app/sub__name-x.v2', undefined, undefined],
    ['[::1]:5000/app:1', '[::1]:5000', 'app', '1', undefined],
    ['  nginx:1  ', 'docker.io', 'library/nginx', '1', undefined],
  ])('%s', (input, domain, path, tag, digest) => {
    expect(ok(input)).toEqual({ domain, path, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) });
  });

  it('gives specific errors', () => {
    expect(err('Foo')).toBe('Invalid reference "Foo": repository names must be lowercase');
    expect(err('user/MyApp:1')).toBe('Invalid reference "user/MyApp:1": repository names must be lowercase');
    expect(err('nginx:')).toBe('Invalid reference "nginx:": a tag is missing after \':\'');
    expect(err('127.0.0.1:5000/app:')).toMatch(/a tag is missing after ':'$/);
    expect(err('nginx@')).toMatch(/a digest is missing after '@'/);
    expect(err('nginx@sha256:abc')).toMatch(/digest "sha256:abc" is invalid/);
    expect(err(`nginx@sha256:${'A'.repeat(64)}`)).toMatch(/64 lowercase hex digits/);
    expect(err('nginx:-bad')).toMatch(/tag "-bad" is invalid/);
    expect(err(`nginx:${'a'.repeat(129)}`)).toMatch(/is invalid/);
    expect(err('my image')).toMatch(/must not contain spaces/);
    expect(err('')).toMatch(/^Enter an image reference/);
    expect(err('a//b')).toMatch(/empty component/);
    expect(err('app-/x')).toMatch(/"app-" is not a valid repository name component/);
    expect(err('host:99999/app')).toMatch(/port 99999 is out of range/);
    expect(err('-host.io/app')).toMatch(/registry "-host.io" is not a valid host/);
    // A first component with a dot is a registry host, as for the engine.
    expect(err('my_app.v2/x')).toMatch(/registry "my_app.v2" is not a valid host/);
    expect(err(':1')).toMatch(/repository name is missing/);
    expect(err(`x/${'a'.repeat(260)}`)).toMatch(/longer than 255/);
    // A URL pasted from a browser: what to leave out, and the reference without it.
    expect(err('http://127.0.0.1:5000/x:1')).toBe('Invalid reference "http://127.0.0.1:5000/x:1": leave out "http://": an image reference starts with the registry host, e.g. 127.0.0.1:5000/x:1');
    expect(err('https://ghcr.io/org/app')).toMatch(/leave out "https:\/\/"/);
  });

  it('formats and normalises like the Docker CLI', () => {
    expect(formatReference(ok('docker.io/library/nginx:1'))).toBe('nginx:1');
    expect(formatReference(ok('user/app'))).toBe('user/app');
    expect(repositoryName(ok('nginx'))).toBe('docker.io/library/nginx');
    expect(familiarRepository(ok('127.0.0.1:5000/a/b'))).toBe('127.0.0.1:5000/a/b');
    expect(withDefaultTag(ok('nginx')).tag).toBe('latest');
    expect(withDefaultTag(ok(`nginx@${SHA}`)).tag).toBeUndefined();
    expect(withDefaultTag(ok('nginx:1')).tag).toBe('1');
  });

  it('tag targets take no digest', () => {
    expect(parseTagTarget(`app@${SHA}`)).toEqual({ ok: false, error: `Invalid tag "app@${SHA}": a tag cannot contain a digest (@…)` });
    expect(parseTagTarget('127.0.0.1:5000/app:2').ok).toBe(true);
  });
});
