import { describe, expect, it } from 'vitest';
import { restoreOutcome } from './restore-outcome.js';

describe('restoreOutcome', () => {
  it('a full restore is a success, saying whether it was started', () => {
    expect(restoreOutcome({ containerId: 'c1', name: 'web', started: true })).toEqual({ tone: 'success', text: 'Restored web and started it' });
    expect(restoreOutcome({ containerId: 'c1', name: 'web', started: false })).toEqual({ tone: 'success', text: 'Restored web' });
    expect(restoreOutcome({ containerId: 'c1', name: 'web', started: false, incomplete: [] })).toEqual({ tone: 'success', text: 'Restored web' });
  });

  it('a restore that recreated the container but could not finish is a warning naming what is missing', () => {
    expect(restoreOutcome({ containerId: 'c1', name: 'web', started: false, incomplete: ['not started: Port 8080 is already in use by container api'] })).toEqual({
      tone: 'warning',
      text: 'Restored web (created, not started: Port 8080 is already in use by container api)',
    });
    expect(restoreOutcome({ containerId: 'c1', name: 'web', started: false, incomplete: ['not connected to backend: gone', 'not started'] }).text).toBe(
      'Restored web (created, not connected to backend: gone; not started)',
    );
    expect(restoreOutcome({ containerId: 'c1', name: 'web', started: true, incomplete: ['still listed in Recently removed: disk full'] }).text).toBe(
      'Restored web (created and started, still listed in Recently removed: disk full)',
    );
  });
});
