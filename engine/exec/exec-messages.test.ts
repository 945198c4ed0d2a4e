import { describe, expect, it } from 'vitest';
import { argvOf, explainStartFailure, isResizeAfterEnd, StartErrorProbe } from './exec-messages.js';

const bashError = 'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\r\n';

describe('exec start errors', () => {
  it('maps shells to absolute paths and keeps a custom argv', () => {
    expect(argvOf('sh')).toEqual(['/bin/sh']);
    expect(argvOf('bash')).toEqual(['/bin/bash']);
    expect(argvOf(['ls', '-l'])).toEqual(['ls', '-l']);
  });

  it('explains a missing bash, sh or program in plain words', () => {
    expect(explainStartFailure('bash', bashError)).toEqual({ reason: 'command-not-found', message: 'This container has no /bin/bash. Try sh, or run a custom command.' });
    expect(explainStartFailure('sh', 'stat /bin/sh: no such file or directory').message).toMatch(/no shell/);
    expect(explainStartFailure(['/nope/x'], 'exec: "/nope/x": stat /nope/x: no such file or directory: unknown').message).toMatch(/“\/nope\/x” was not found/);
    expect(explainStartFailure('sh', 'OCI runtime exec failed: exec failed: permission denied: unknown')).toEqual({
      reason: 'engine-error',
      message: 'The command could not start: permission denied',
    });
  });

  it('holds back the engine error split across chunks, and never shows it', () => {
    const p = new StartErrorProbe();
    expect(p.push('OCI run')).toBe('');
    expect(p.push(bashError.slice(7))).toBe('');
    expect(p.flush()).toBe('');
    expect(p.startError).toBe(bashError);
  });

  it('releases normal output at once, and a held prefix that turns out to be normal', () => {
    const p = new StartErrorProbe();
    expect(p.push('/ # ')).toBe('/ # ');
    expect(p.push('OCI runtime exec failed')).toBe('OCI runtime exec failed');
    expect(p.startError).toBeUndefined();
    const q = new StartErrorProbe();
    expect(q.push('OC')).toBe('');
    expect(q.push('D')).toBe('OCD');
    const r = new StartErrorProbe();
    expect(r.push('O')).toBe('');
    expect(r.flush()).toBe('O');
  });
});

describe('a resize that raced the end of its process', () => {
  it('is moot when the engine says the exec or the container is gone, and only then', () => {
    expect(isResizeAfterEnd({ statusCode: 404, message: 'no such exec' })).toBe(true);
    expect(isResizeAfterEnd({ statusCode: 409, message: 'Container abc is not running' })).toBe(true);
    expect(isResizeAfterEnd({ statusCode: 500, message: 'Container abc is not running: Exited (137)' })).toBe(true);
    expect(isResizeAfterEnd({ statusCode: 500, message: 'process 42 not found: not found' })).toBe(true);
    // containerd's answers right at an exec's end (seen in a CI run, then 39 times in 60 tries here).
    expect(isResizeAfterEnd({ statusCode: 500, message: 'cannot resize a deleted process: unknown' })).toBe(true);
    expect(isResizeAfterEnd({ statusCode: 500, message: 'cannot resize a stopped container: unknown' })).toBe(true);
    expect(isResizeAfterEnd({ statusCode: 400, message: 'strconv.Atoi: parsing "tall": invalid syntax' })).toBe(false);
    expect(isResizeAfterEnd({ statusCode: 500, message: 'context deadline exceeded' })).toBe(false);
    expect(isResizeAfterEnd(new Error('connect ECONNREFUSED'))).toBe(false);
    expect(isResizeAfterEnd(undefined)).toBe(false);
  });
});
