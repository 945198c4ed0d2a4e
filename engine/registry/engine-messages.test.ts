import { describe, expect, it } from 'vitest';
import { hubSearchFailure, loginFailure } from './engine-messages.js';

/** What docker-modem throws for an engine error: statusCode, its formatted message, and the parsed body. */
const engineError = (message: string, statusCode = 500) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) server error - ${message} `), { statusCode, json: { message } });

describe('registry error messages', () => {
  it('turns a refused login into "wrong username or password"', () => {
    const err = loginFailure('127.0.0.1:5001', engineError('login attempt to http://127.0.0.1:5001/v2/ failed with status: 401 Unauthorized'));
    expect(err.message).toBe('Login to 127.0.0.1:5001 failed: wrong username or password');
    expect(loginFailure('docker.io', engineError('Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password')).message).toBe(
      'Login to docker.io failed: wrong username or password',
    );
  });

  it('says why a registry cannot be reached', () => {
    expect(loginFailure('127.0.0.1:5999', engineError('Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused')).message).toBe(
      'Login to 127.0.0.1:5999 failed: cannot reach the registry (connection refused)',
    );
    expect(hubSearchFailure(engineError('Get "https://index.docker.io/v1/search?q=nginx&n=2": dial tcp: lookup index.docker.io on 10.0.0.53:53: no such host')).message).toBe(
      'Cannot reach Docker Hub: the host name could not be resolved (no network, or a wrong name)',
    );
  });

  it('keeps an unknown engine message, and passes engine-connection errors through', () => {
    expect(loginFailure('r.example', engineError('something odd')).message).toBe('Login to r.example failed: something odd');
    const down = loginFailure('r.example', Object.assign(new Error('connect ECONNREFUSED /tmp/x.sock'), { code: 'ECONNREFUSED' }), 'unix:///tmp/x.sock');
    expect(down.code).toBe('ENGINE_UNAVAILABLE');
  });
});
