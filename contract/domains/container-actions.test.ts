import { describe, expect, it } from 'vitest';
import { stopTimeoutProblem } from './container-action-rules.js';
import { containerActionsApi, normalizeSignal, stopTimeoutSchema } from './container-actions.js';
import { recycleBinApi } from './recycle-bin.js';

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('container actions contract', () => {
  it('normalises signal names and numbers, and refuses unknown ones', () => {
    expect(normalizeSignal('kill')).toBe('SIGKILL');
    expect(normalizeSignal(' sigterm ')).toBe('SIGTERM');
    expect(normalizeSignal('9')).toBe('9');
    expect(normalizeSignal('SIGRTMIN+3')).toBe('SIGRTMIN+3');
    expect(normalizeSignal('65')).toBeUndefined();
    expect(normalizeSignal('SIGFOO')).toBeUndefined();
    expect(containerActionsApi.kill.args.parse({ id: 'web', signal: 'hup' })).toEqual({ id: 'web', signal: 'SIGHUP' });
    expect(issues(containerActionsApi.kill.args.safeParse({ id: 'web', signal: 'NOPE' }))).toEqual([
      'signal: is not a known signal (e.g. SIGKILL, SIGTERM, SIGHUP, or a number 1–64)',
    ]);
  });

  it('checks stop timeouts and ids with readable messages', () => {
    expect(containerActionsApi.stop.args.parse({ id: 'abc', timeout: 5 })).toEqual({ id: 'abc', timeout: 5 });
    expect(issues(containerActionsApi.stop.args.safeParse({ id: 'abc', timeout: -1 }))).toEqual(['timeout: must be 0 seconds or more']);
    expect(issues(containerActionsApi.restart.args.safeParse({ id: 'abc', timeout: 1.5 }))).toEqual(['timeout: must be a whole number of seconds']);
    expect(issues(containerActionsApi.start.args.safeParse({ id: '' }))).toEqual(['id: a container id or name is required']);
    expect(issues(containerActionsApi.start.args.safeParse({ id: '../x' }))).toEqual(['id: is not a valid container id or name']);
    expect(containerActionsApi.start.args.safeParse({ id: 'a', extra: 1 }).success).toBe(false);
    expect(containerActionsApi.remove.args.parse({ id: 'web' })).toEqual({ id: 'web', volumes: false, force: false });
  });

  it('checks a stop timeout without zod exactly as the schema does (the first issue, in its words)', () => {
    for (const v of [0, 1, 10, 3600, 3601, -1, -0.5, 1.5, 1e9, NaN, Infinity, -Infinity, '5', null, undefined, true]) {
      const r = stopTimeoutSchema.safeParse(v);
      expect(stopTimeoutProblem(v), String(v)).toBe(r.success ? undefined : r.error.issues[0]?.message);
    }
  });

  it('bounds the recycle-bin retention between 1 hour and 30 days', () => {
    expect(issues(recycleBinApi.setRetention.args.safeParse({ retentionMs: 60_000 }))).toEqual(['retentionMs: must be at least 1 hour']);
    expect(issues(recycleBinApi.setRetention.args.safeParse({ retentionMs: 31 * 86_400_000 }))).toEqual(['retentionMs: must be at most 30 days']);
    expect(recycleBinApi.setRetention.args.safeParse({ retentionMs: 86_400_000 }).success).toBe(true);
    expect(issues(recycleBinApi.restore.args.safeParse({ id: 'BAD ID' }))).toEqual(['id: is not a valid recycle-bin entry id']);
  });
});
