/*
 * The container actions' argument rules that the window checks as the user types (the kill dialog's
 * signal, the bulk toolbar's stop timeout), with no zod: these modules are on the first window's way
 * to its first paint (bench/first-row.ts). The back end validates with container-actions.ts's schemas;
 * container-actions.test.ts checks that stopTimeoutProblem() agrees with stopTimeoutSchema.
 */

/** Signals `docker kill` accepts by name (with or without the SIG prefix); numbers 1–64 are accepted too. */
export const knownSignals = [
  'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL', 'SIGUSR1', 'SIGSEGV',
  'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGTTIN',
  'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS',
] as const;

/** Normalises a signal to the engine's form ("SIGKILL" or "9"), or undefined when it is not a known signal. */
export function normalizeSignal(input: string): string | undefined {
  const s = input.trim().toUpperCase();
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return n >= 1 && n <= 64 ? String(n) : undefined;
  }
  const name = s.startsWith('SIG') ? s : `SIG${s}`;
  if ((knownSignals as readonly string[]).includes(name)) return name;
  const rt = /^SIGRTM(IN|AX)([+-]\d{1,2})?$/.exec(name);
  return rt ? name : undefined;
}

/** A stop timeout's first problem, in stopTimeoutSchema's words, or undefined when it is valid. */
export function stopTimeoutProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'expected a number of seconds';
  if (!Number.isInteger(value)) return 'must be a whole number of seconds';
  if (value < 0) return 'must be 0 seconds or more';
  if (value > 3600) return 'must be at most 3600 seconds (one hour)';
  return undefined;
}
