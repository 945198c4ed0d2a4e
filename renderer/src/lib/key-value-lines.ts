/**
 * KEY=VALUE lines as typed in a form (labels, driver options) → a record, or the first bad line's
 * reason, named by the field (`what`) and the line number. Blank lines are skipped; keys and values
 * are trimmed; a value may itself hold "=". One parser for every form, so the messages read alike.
 */
export function parseKeyValueLines(text: string, what: string): { value: Record<string, string> } | { error: string } {
  const value: Record<string, string> = {};
  const firstLine = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq < 0) return { error: `${what}, line ${i + 1}: "${line}" must be KEY=VALUE` };
    const key = line.slice(0, eq).trim();
    if (!key) return { error: `${what}, line ${i + 1}: "${line}" has no name before "="` };
    const first = firstLine.get(key);
    if (first !== undefined) return { error: `${what}, line ${i + 1}: "${key}" is given twice (first on line ${first})` };
    firstLine.set(key, i + 1);
    value[key] = line.slice(eq + 1).trim();
  }
  return { value };
}
