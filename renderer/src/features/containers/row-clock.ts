/** How often a row's time-dependent texts are re-read once every shown duration is a minute or more. */
export const CLOCK_MS = 30_000;

/**
 * While a status counts seconds ("Up 5 seconds", "Exited (137) 12 seconds ago") it is re-read every
 * 5 s: never more than 5 s behind (the 30 s clock left "Up Less than a second" for up to 30 s). Not
 * every second: a list of just-started containers then cost ~1 % of a core in the renderer for their
 * first minute (bench list-scale idle: 1.38 % against 0.4 %). One clock per interval is shared by every
 * row (lib/use-now.ts) and runs only while some text reads it, so a list of older containers keeps the
 * 30 s clock only.
 */
export const FAST_CLOCK_MS = 5_000;

const MINUTE = 60_000;

/**
 * The clock a status counting from `since` needs at `now`: the fast one under a minute (a little clock
 * skew, a `since` just ahead of this clock, counts as under a minute), the slow one otherwise and for a
 * status that counts no time. The row re-renders when its words change, and "About a minute" is such a
 * change, so it moves to the slow clock by itself.
 */
export function statusClockMs(since: number | undefined, now: number): number {
  if (since === undefined) return CLOCK_MS;
  const age = now - since;
  return age > -MINUTE && age < MINUTE ? FAST_CLOCK_MS : CLOCK_MS;
}
