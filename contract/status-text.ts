/**
 * The engine's container status text ("Up 3 minutes (healthy)", "Exited (0) 2 hours ago") is a
 * snapshot of the moment it was read: shown later as is, "Up 2 seconds" stays frozen. The back end
 * reads back the moment it counts from (`statusSince`), and the UI redraws the text as time passes,
 * in the engine's own words (go-units HumanDuration). Pure functions; no dependencies.
 */

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;

/** go-units HumanDuration, as `docker ps` prints it. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / S);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / MIN);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(ms / H + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / H / 24 / 365)} years`;
}

/** The middle of the span a HumanDuration text stands for (ms), or undefined if it is not one. */
export function parseHumanDuration(text: string): number | undefined {
  if (text === 'Less than a second') return 0;
  if (text === 'About a minute') return 90 * S;
  if (text === 'About an hour') return H;
  const m = /^(\d+) (second|minute|hour|day|week|month|year)s?$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = { second: S, minute: MIN, hour: H, day: D, week: 7 * D, month: 30 * D, year: 365 * D }[m[2] as 'second'];
  return m[2] === 'second' || m[2] === 'hour' ? n * unit : (n + 0.5) * unit;
}

const UP = /^Up (.+?)( \(.+\))?$/;
const SINCE_END = /^(Exited|Restarting) \((-?\d+)\) (.+) ago$/;

/** When the status counts from (ms since the epoch), read back from a text read at `readAt`. */
export function statusSince(status: string, readAt: number): number | undefined {
  const up = UP.exec(status);
  const ended = up ? undefined : SINCE_END.exec(status);
  const span = up ? parseHumanDuration(up[1]!) : ended ? parseHumanDuration(ended[3]!) : undefined;
  return span === undefined ? undefined : readAt - span;
}

/** The status text as it reads at `now`; the engine's text unchanged when it does not count time. */
export function liveStatus(status: string, since: number | undefined, now: number): string {
  if (since === undefined) return status;
  const span = humanDuration(Math.max(0, now - since));
  const up = UP.exec(status);
  if (up) return `Up ${span}${up[2] ?? ''}`;
  const ended = SINCE_END.exec(status);
  if (ended) return `${ended[1]} (${ended[2]}) ${span} ago`;
  return status;
}
