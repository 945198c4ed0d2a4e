const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The retention choices offered (1 hour … 30 days). */
export const retentionChoices: readonly number[] = [HOUR, 6 * HOUR, 12 * HOUR, DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY];

/** "1 hour", "6 hours", "1 day", "7 days". */
export function formatRetention(ms: number): string {
  if (ms % DAY === 0) {
    const d = ms / DAY;
    return `${d} ${d === 1 ? 'day' : 'days'}`;
  }
  const h = Math.round(ms / HOUR);
  return `${h} ${h === 1 ? 'hour' : 'hours'}`;
}

/** "in 6 days", "in 3 hours", "in 12 minutes", "now". */
export function formatExpiresIn(expiresAt: number, now: number): string {
  const left = expiresAt - now;
  if (left <= 60_000) return 'in under a minute';
  if (left >= 2 * DAY) return `in ${Math.round(left / DAY)} days`;
  if (left >= 2 * HOUR) return `in ${Math.round(left / HOUR)} hours`;
  return `in ${Math.max(1, Math.floor(left / 60_000))} minutes`;
}

/**
 * What a retention window of `retentionMs` would delete at once (the bin purges what is older as soon
 * as the window is saved): "name (container)", "name (volume)", oldest first. Empty: nothing goes.
 */
export function expiringWith(listing: { entries: readonly { name: string; removedAt: number }[]; volumes: readonly { name: string; removedAt: number }[] }, retentionMs: number, now: number): string[] {
  return [...listing.entries.map((e) => ({ ...e, kind: 'container' })), ...listing.volumes.map((v) => ({ ...v, kind: 'volume' }))]
    .filter((e) => e.removedAt + retentionMs <= now)
    .sort((a, b) => a.removedAt - b.removedAt)
    .map((e) => `${e.name} (${e.kind})`);
}
