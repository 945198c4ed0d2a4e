import { describe, expect, it } from 'vitest';
import { statusHealth } from './status-health.js';

describe('statusHealth', () => {
  it('reads the health check verdict at the end of the engine’s status', () => {
    expect(statusHealth('Up 3 minutes (unhealthy)')).toBe('unhealthy');
    expect(statusHealth('Up About an hour (healthy)')).toBe('healthy');
    expect(statusHealth('Up 2 seconds (health: starting)')).toBe('starting');
  });

  it('finds none without a health check, or in other parentheses', () => {
    expect(statusHealth('Up 3 minutes')).toBeUndefined();
    expect(statusHealth('Up 3 minutes (Paused)')).toBeUndefined();
    expect(statusHealth('Exited (1) 2 minutes ago')).toBeUndefined();
    expect(statusHealth('Created')).toBeUndefined();
  });
});
