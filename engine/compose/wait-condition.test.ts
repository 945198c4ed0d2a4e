import { describe, expect, it } from 'vitest';
import { unhealthyMessage } from './wait-condition.js';

describe('why a dependency is unhealthy', () => {
  it('gives the failing streak and the last check, exit code and output', () => {
    const log = [{ ExitCode: 1, Output: 'old' }, { ExitCode: 7, Output: 'curl: (7) Failed to connect\n  to localhost port 80\n' }];
    expect(unhealthyMessage('db', { Status: 'unhealthy', FailingStreak: 3, Log: log })).toBe(
      '"db" is unhealthy: its healthcheck failed 3 times in a row; the last check exited with code 7: curl: (7) Failed to connect to localhost port 80',
    );
  });
  it('says when the check printed nothing, and keeps the end of a long output', () => {
    expect(unhealthyMessage('db', { Status: 'unhealthy', FailingStreak: 1, Log: [{ ExitCode: 1, Output: '' }] })).toBe('"db" is unhealthy: its healthcheck failed once; the last check exited with code 1 and printed nothing');
    const long = unhealthyMessage('db', { Status: 'unhealthy', FailingStreak: 2, Log: [{ ExitCode: 1, Output: `${'x'.repeat(500)}END` }] });
    expect(long).toMatch(/: …x+END$/);
    expect(long.length).toBeLessThan(320);
  });
  it('is short without a log', () => {
    expect(unhealthyMessage('db', { Status: 'unhealthy', Log: null })).toBe('"db" is unhealthy');
  });
});
