import { describe, expect, it } from 'vitest';
import { expiringWith, formatExpiresIn, formatRetention, retentionChoices } from './retention.js';

const H = 3_600_000;

describe('retention texts', () => {
  it('names durations in hours or days', () => {
    expect(formatRetention(H)).toBe('1 hour');
    expect(formatRetention(6 * H)).toBe('6 hours');
    expect(formatRetention(24 * H)).toBe('1 day');
    expect(formatRetention(7 * 24 * H)).toBe('7 days');
    expect(retentionChoices[0]).toBe(H);
    expect(retentionChoices.at(-1)).toBe(30 * 24 * H);
  });
  it('says when an entry expires, rounded', () => {
    expect(formatExpiresIn(7 * 24 * H - 5000, 0)).toBe('in 7 days');
    expect(formatExpiresIn(24 * H - 5000, 0)).toBe('in 24 hours');
    expect(formatExpiresIn(90 * 60_000, 0)).toBe('in 90 minutes');
    expect(formatExpiresIn(30_000, 0)).toBe('in under a minute');
  });
});

describe('expiringWith', () => {
  it('names what a shorter window deletes at once, containers and volumes, oldest first', () => {
    const now = 100 * H;
    const listing = {
      entries: [{ name: 'web', removedAt: now - 2 * H }, { name: 'fresh', removedAt: now - 10 * 60_000 }],
      volumes: [{ name: 'data', removedAt: now - 5 * H }],
    };
    expect(expiringWith(listing, H, now)).toEqual(['data (volume)', 'web (container)']);
    expect(expiringWith(listing, 2 * H, now)).toEqual(['data (volume)', 'web (container)']);
    expect(expiringWith(listing, 6 * H, now)).toEqual([]);
  });
});
