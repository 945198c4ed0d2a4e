import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

/** The current time, refreshed every `intervalMs` (for relative times such as "5 minutes ago"). */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer?: ReturnType<typeof setInterval>;
}

/** One ticking clock per interval, shared by every text that reads it, running only while read. */
const clocks = new Map<number, Clock>();

function clockFor(intervalMs: number): Clock {
  let clock = clocks.get(intervalMs);
  if (!clock) clocks.set(intervalMs, (clock = { now: Date.now(), listeners: new Set() }));
  return clock;
}

function subscribeClock(intervalMs: number, listener: () => void): () => void {
  const clock = clockFor(intervalMs);
  clock.listeners.add(listener);
  if (!clock.timer) {
    clock.now = Date.now();
    clock.timer = setInterval(() => {
      clock.now = Date.now();
      for (const l of [...clock.listeners]) l();
    }, intervalMs);
  }
  return () => {
    clock.listeners.delete(listener);
    if (!clock.listeners.size && clock.timer) {
      clearInterval(clock.timer);
      clock.timer = undefined;
    }
  };
}

/**
 * A text that depends on the time (e.g. "Up 5 minutes"), re-read every `intervalMs` from a clock
 * shared by all such texts. The component re-renders only when its text changes, so a list of
 * hundreds of rows does not re-render every row on every tick.
 */
export function useClockText(intervalMs: number, format: (now: number) => string): string {
  const subscribe = useCallback((listener: () => void) => subscribeClock(intervalMs, listener), [intervalMs]);
  return useSyncExternalStore(subscribe, () => format(clockFor(intervalMs).now));
}
