/** What is shown for a failure that came with no words of its own. */
export const NO_REASON = 'It failed, and no reason was given.';

/**
 * The message of anything a call threw: an Error's (the contract client's BerthError included), a
 * plain object's `message` (a rejection that crossed a structured clone), a string as it is; never an
 * empty line or "[object Object]". The one way the UI turns a failure into the words it shows.
 */
export function messageOf(err: unknown): string {
  const said =
    err instanceof Error ? err.message : typeof err === 'string' ? err : typeof (err as { message?: unknown } | null)?.message === 'string' ? (err as { message: string }).message : '';
  return said.trim() ? said : NO_REASON;
}
