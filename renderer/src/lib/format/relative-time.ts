const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function plural(n: number, unit: string): string {
  return n === 1 ? `1 ${unit} ago` : `${n} ${unit}s ago`;
}

/**
 * "just now", "5 minutes ago", "3 days ago"… Thresholds round the way people speak (45 minutes is
 * "1 hour ago"). A time in the future (clock skew between engine and UI) reads "just now".
 */
export function formatRelativeTime(then: number, now: number): string {
  if (!Number.isFinite(then) || !Number.isFinite(now)) return '—';
  const diff = now - then;
  if (diff < 45 * SECOND) return 'just now';
  if (diff < 90 * SECOND) return plural(1, 'minute');
  if (diff < 45 * MINUTE) return plural(Math.round(diff / MINUTE), 'minute');
  if (diff < 90 * MINUTE) return plural(1, 'hour');
  if (diff < 22 * HOUR) return plural(Math.round(diff / HOUR), 'hour');
  if (diff < 36 * HOUR) return plural(1, 'day');
  if (diff < 26 * DAY) return plural(Math.round(diff / DAY), 'day');
  if (diff < 45 * DAY) return plural(1, 'month');
  if (diff < 320 * DAY) return plural(Math.round(diff / (30.44 * DAY)), 'month');
  if (diff < 548 * DAY) return plural(1, 'year');
  return plural(Math.round(diff / (365.25 * DAY)), 'year');
}

/** The full local date and time, for tooltips, e.g. "12 Mar 2025, 14:03:22". */
export function formatAbsoluteTime(ms: number, locale?: string, timeZone?: string): string {
  if (!Number.isFinite(ms)) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(new Date(ms));
}
