import { describe, expect, it } from 'vitest';
import { BerthError } from '../contract/errors.js';
import { toBerthError } from './errors.js';

/** What docker-modem rejects with for an HTTP error. */
function modemError(statusCode: number, reason: string, json: unknown) {
  const cause = (json as { message?: string })?.message ?? json;
  return Object.assign(new Error(`(HTTP code ${statusCode}) ${reason} - ${String(cause)} `), { statusCode, reason, json });
}

describe('toBerthError', () => {
  it('maps 404 to NOT_FOUND with the engine message', () => {
    const e = toBerthError(modemError(404, 'no such container', { message: 'No such container: web' }));
    expect(e).toBeInstanceOf(BerthError);
    expect(e.toJSON()).toEqual({ code: 'NOT_FOUND', message: 'No such container: web', details: { statusCode: 404 } });
  });

  it('maps 409 to CONFLICT, with a known engine text made readable (the engine text kept in details)', () => {
    const text = 'Conflict. The container name "/web" is already in use';
    const e = toBerthError(modemError(409, 'conflict', { message: text }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('A container named web already exists');
    expect(e.details).toMatchObject({ statusCode: 409, engineMessage: text });
    const other = toBerthError(modemError(409, 'conflict', { message: 'some other conflict' }));
    expect(other.toJSON()).toEqual({ code: 'CONFLICT', message: 'some other conflict', details: { statusCode: 409 } });
  });

  it('maps 304 (already started/stopped) to a plain CONFLICT', () => {
    const e = toBerthError(Object.assign(new Error('(HTTP code 304) container already started - '), { statusCode: 304, reason: 'container already started' }));
    expect(e.toJSON()).toEqual({ code: 'CONFLICT', message: 'The container is already running', details: { statusCode: 304 } });
  });

  it('rewrites a known engine text also when it comes without an HTTP status', () => {
    const e = toBerthError(new Error('Error starting userland proxy: listen tcp4 0.0.0.0:18090: bind: address already in use'));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('Port 18090 is already in use on this machine (by a program outside Docker)');
  });

  it('maps other statuses to ENGINE_ERROR, reading a body given as a Buffer', () => {
    const e = toBerthError(modemError(500, 'server error', Buffer.from('{"message":"driver failed"}')));
    expect(e.toJSON()).toEqual({ code: 'ENGINE_ERROR', message: 'driver failed', details: { statusCode: 500 } });
  });

  it('strips the docker-modem prefix when there is no JSON body', () => {
    const e = toBerthError(Object.assign(new Error('(HTTP code 400) bad parameter - invalid filter '), { statusCode: 400 }));
    expect(e.message).toBe('invalid filter');
  });

  it('maps connection refused and a missing socket to ENGINE_UNAVAILABLE, naming the endpoint', () => {
    const refused = toBerthError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'tcp://10.0.0.2:2375');
    expect(refused.toJSON()).toEqual({
      code: 'ENGINE_UNAVAILABLE',
      message: 'Cannot reach the Docker engine at tcp://10.0.0.2:2375: connection refused (is the engine running?)',
      details: { code: 'ECONNREFUSED' },
    });
    const missing = toBerthError(Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT' }));
    expect(missing.code).toBe('ENGINE_UNAVAILABLE');
    expect(missing.message).toBe('Cannot reach the Docker engine: the socket does not exist (is the engine running?)');
  });

  it('maps aborts to CANCELLED and passes BerthErrors through', () => {
    expect(toBerthError(Object.assign(new Error('aborted'), { name: 'AbortError' })).code).toBe('CANCELLED');
    const own = new BerthError('VALIDATION', 'x');
    expect(toBerthError(own)).toBe(own);
  });

  it('maps anything else to ENGINE_ERROR with its message', () => {
    expect(toBerthError(new Error('weird')).toJSON()).toEqual({ code: 'ENGINE_ERROR', message: 'weird' });
    expect(toBerthError('text').message).toBe('text');
  });
});
