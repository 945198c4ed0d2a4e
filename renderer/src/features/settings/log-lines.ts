import { MAX_LOG_BUFFER_LINES, MIN_LOG_BUFFER_LINES } from '../../../../contract/domains/settings.js';

const range = `${MIN_LOG_BUFFER_LINES.toLocaleString('en-US')} to ${MAX_LOG_BUFFER_LINES.toLocaleString('en-US')}`;

/**
 * The Logs field of Settings, read the way the user typed it: empty is not 0 (the field used to send
 * `Number('') === 0` and say "must be at least 1000" to someone who had typed nothing), and every
 * refusal names the range, so "99999999" is not told a lower bound.
 */
export function parseLogLines(text: string): { lines: number } | { error: string } {
  const t = text.trim().replace(/[,_\s]/g, '');
  if (!t) return { error: `Enter a number of lines, from ${range}.` };
  if (!/^\d+$/.test(t)) return { error: `The number of lines must be a whole number, from ${range}.` };
  const lines = Number(t);
  if (lines < MIN_LOG_BUFFER_LINES) return { error: `Too few: a log view keeps at least ${MIN_LOG_BUFFER_LINES.toLocaleString('en-US')} lines (${range}).` };
  if (lines > MAX_LOG_BUFFER_LINES) return { error: `Too many: a log view keeps at most ${MAX_LOG_BUFFER_LINES.toLocaleString('en-US')} lines (${range}).` };
  return { lines };
}
