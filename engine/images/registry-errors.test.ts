import { describe, expect, it } from 'vitest';
import { parseImageReference, withDefaultTag } from '../../contract/image-reference.js';
import { rawEngineMessage, registryError, sentCredentials } from './registry-errors.js';

const ref = (s: string) => {
  const r = parseImageReference(s);
  if (!r.ok) throw new Error(r.error);
  return withDefaultTag(r.ref);
};

describe('registryError (real dockerd 20.10 messages)', () => {
  it('not found', () => {
    const e = registryError('manifest for 127.0.0.1:5000/foo:nope not found: manifest unknown: manifest unknown', ref('127.0.0.1:5000/foo:nope'), 'pull', 404);
    expect(e).toMatchObject({ code: 'NOT_FOUND', message: 'Image foo:nope was not found in registry 127.0.0.1:5000 (manifest unknown)' });
    expect(registryError('manifest unknown', ref('nginx:nope'), 'pull').message).toBe('Image nginx:nope was not found in registry docker.io (manifest unknown)');
  });
  it('unauthorized', () => {
    const e = registryError('Head "http://127.0.0.1:5001/v2/foo/manifests/x": no basic auth credentials', ref('127.0.0.1:5001/foo:x'), 'pull', 500);
    expect(e.message).toBe('The registry refused access: log in first (127.0.0.1:5001 said: no basic auth credentials)');
    expect(e.details).toMatchObject({ reason: 'unauthorized' });
  });
  it('unauthorized with stored credentials: they were refused, so log in again (not "first")', () => {
    const refused = registryError('unauthorized: authentication required', ref('127.0.0.1:5001/foo:x'), 'push', undefined, { username: 'berth' });
    expect(refused.message).toBe('The registry refused the stored credentials of berth for 127.0.0.1:5001: log in again (127.0.0.1:5001 said: authentication required)');
    expect(refused.details).toMatchObject({ reason: 'unauthorized' });
    expect(registryError('unauthorized: incorrect username or password', ref('r.example/a:1'), 'pull', 401, {}).message).toBe(
      'The registry refused the stored credentials for r.example: log in again (r.example said: incorrect username or password)',
    );
    const denied = "pull access denied for someone/private, repository does not exist or may require 'docker login': denied: requested access to the resource is denied";
    expect(registryError(denied, ref('someone/private:1'), 'pull', undefined, { username: 'me' }).message).toBe(
      'The registry denied access to someone/private:1 with the stored credentials of me for docker.io: the repository may not exist, or that account may not pull it (docker.io said: requested access to the resource is denied)',
    );
  });
  it('sentCredentials: what X-Registry-Auth carried', () => {
    expect(sentCredentials(undefined)).toBeUndefined();
    expect(sentCredentials({ username: 'berth', password: 'p', serveraddress: 'h' })).toEqual({ username: 'berth' });
    expect(sentCredentials({ identitytoken: 't', serveraddress: 'h' })).toEqual({});
  });
  it('unreachable', () => {
    const e = registryError('Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused', ref('127.0.0.1:5999/foo:x'), 'pull', 500);
    expect(e.message).toBe('Cannot reach registry 127.0.0.1:5999: connection refused');
    expect(registryError('Get "https://r.example/v2/": dial tcp: lookup r.example: no such host', ref('r.example/a'), 'push').message).toBe(
      'Cannot reach registry r.example: the host name could not be resolved',
    );
  });
  it('push of a name that is not local', () => {
    const e = registryError('An image does not exist locally with the tag: 127.0.0.1:5000/x', ref('127.0.0.1:5000/x:1'), 'push');
    expect(e).toMatchObject({ code: 'NOT_FOUND', message: 'There is no local image 127.0.0.1:5000/x:1 to push: tag an image with this name first' });
  });
  it('anything else keeps the engine words', () => {
    expect(registryError('disk full', ref('a'), 'pull').message).toBe('Pull of a:latest failed: disk full');
  });
  it('rawEngineMessage reads the JSON body or strips the modem prefix', () => {
    expect(rawEngineMessage({ json: { message: 'm1' } })).toBe('m1');
    expect(rawEngineMessage({ json: Buffer.from('{"message":"m2"}') })).toBe('m2');
    expect(rawEngineMessage({ json: null, message: '(HTTP code 500) server error - boom ' })).toBe('boom');
  });
});
