import { describe, expect, it } from 'vitest';
import { validationError } from '../errors.js';
import { containerExecApi, execArgs } from './container-exec.js';

const message = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? 'ok' : validationError(r.error!.issues).message;
};

describe('container exec contract', () => {
  it('fills defaults: sh, 80×24, no attach', () => {
    expect(execArgs.parse({ id: 'web-1' })).toEqual({ id: 'web-1', command: 'sh', cols: 80, rows: 24, attach: false });
    expect(execArgs.parse({ id: 'abc', command: ['ls', '-la'], cols: 120, rows: 40, attach: true })).toMatchObject({ command: ['ls', '-la'], attach: true });
  });

  it('names the field and the problem for bad input', () => {
    expect(message(execArgs, { id: '' })).toBe('Invalid argument "id": a container id or name is required');
    expect(message(execArgs, { id: 'a', cols: 0 })).toBe('Invalid argument "cols": cols must be at least 1');
    expect(message(execArgs, { id: 'a', rows: 2.5 })).toBe('Invalid argument "rows": rows must be a whole number');
    expect(message(execArgs, { id: 'a', command: 'zsh' })).toMatch(/"command": must be "sh", "bash" or a list of arguments/);
    expect(message(execArgs, { id: 'a', command: [] })).toMatch(/"command"/);
    expect(message(execArgs, { id: 'a', extra: 1 })).toMatch(/extra/);
    expect(message(execArgs, { id: 'a;rm -rf /' })).toMatch(/"id": is not a valid container id or name/);
  });

  it('input and resize need a session id from the ready event, and input is bounded', () => {
    expect(message(containerExecApi.execInput.args, { session: 'nope', data: 'x' })).toBe('Invalid argument "session": must be a session id from the ready event');
    expect(message(containerExecApi.execInput.args, { session: 'a'.repeat(32), data: 'x'.repeat(65_537) })).toMatch(/"data": must be at most 65536 characters/);
    expect(message(containerExecApi.execResize.args, { session: 'a'.repeat(32), cols: 1001, rows: 10 })).toBe('Invalid argument "cols": cols must be at most 1000');
    expect(message(containerExecApi.stats.args, { id: 'web' })).toBe('ok');
    expect(message(containerExecApi.statsSummary.args, { x: 1 })).toMatch(/x/);
    expect(containerExecApi.statsSummary.args.parse({})).toEqual({ intervalMs: 2000 });
    expect(message(containerExecApi.statsSummary.args, { intervalMs: 10 })).toBe('Invalid argument "intervalMs": must be at least 1000 ms (the engine samples once a second)');
    expect(message(containerExecApi.statsSummary.args, { ids: ['a'.repeat(64)] })).toBe('ok');
    expect(message(containerExecApi.statsSummary.args, { ids: ['web'] })).toBe('Invalid argument "ids.0": must be a full container id (64 hex digits)');
    expect(message(containerExecApi.statsSummary.args, { ids: Array.from({ length: 1001 }, () => 'a'.repeat(64)) })).toMatch(/"ids": at most 1000 containers at once/);
    expect(message(containerExecApi.statsSummary.args, { ids: 'web' })).toMatch(/"ids": expected a list of container ids/);
  });
});
