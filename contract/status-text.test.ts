import { describe, expect, it } from 'vitest';
import { humanDuration, liveStatus, parseHumanDuration, statusSince } from './status-text.js';

describe('container status text', () => {
  it('formats durations as docker ps does', () => {
    expect(humanDuration(400)).toBe('Less than a second');
    expect(humanDuration(1_000)).toBe('1 second');
    expect(humanDuration(42_000)).toBe('42 seconds');
    expect(humanDuration(61_000)).toBe('About a minute');
    expect(humanDuration(5 * 60_000)).toBe('5 minutes');
    expect(humanDuration(60 * 60_000)).toBe('About an hour');
    expect(humanDuration(5 * 3_600_000)).toBe('5 hours');
    expect(humanDuration(3 * 86_400_000)).toBe('3 days');
    expect(humanDuration(20 * 86_400_000)).toBe('2 weeks');
    expect(humanDuration(90 * 86_400_000)).toBe('3 months');
    expect(humanDuration(800 * 86_400_000)).toBe('2 years');
  });

  it('reads the durations back, and refuses anything else', () => {
    expect(parseHumanDuration('42 seconds')).toBe(42_000);
    expect(parseHumanDuration('5 minutes')).toBe(5.5 * 60_000);
    expect(parseHumanDuration('Less than a second')).toBe(0);
    expect(parseHumanDuration('soon')).toBeUndefined();
  });

  it('keeps "Up" texts moving with the clock, with their suffix', () => {
    const readAt = 1_000_000_000;
    const since = statusSince('Up 2 seconds (healthy)', readAt);
    expect(since).toBe(readAt - 2_000);
    expect(liveStatus('Up 2 seconds (healthy)', since, readAt + 58_000)).toBe('Up About a minute (healthy)');
    expect(liveStatus('Up 2 seconds (Paused)', since, readAt + 10 * 60_000)).toBe('Up 10 minutes (Paused)');
  });

  it('keeps "Exited (n) … ago" moving, and leaves other texts alone', () => {
    const readAt = 5_000_000_000;
    const since = statusSince('Exited (137) 3 seconds ago', readAt);
    expect(liveStatus('Exited (137) 3 seconds ago', since, readAt + 2 * 3_600_000)).toBe('Exited (137) 2 hours ago');
    expect(statusSince('Created', readAt)).toBeUndefined();
    expect(liveStatus('Created', undefined, readAt)).toBe('Created');
    expect(liveStatus('Removal In Progress', statusSince('Removal In Progress', readAt), readAt)).toBe('Removal In Progress');
  });
});
