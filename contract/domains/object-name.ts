/** What Docker takes in a volume or network name: a letter or digit, then letters, digits, "_", "." and "-". */
export const OBJECT_NAME_CHARS = 'letters, digits, "_", "." and "-"';

const allowed = /^[a-zA-Z0-9_.-]$/;

/** "a", "a or b", "a, b or c". */
const orList = (items: readonly string[]): string => (items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

/**
 * The characters of a name that Docker refuses in a volume or network name, said as a list
 * ('spaces, "/" or "ü"'), so a message can point at them; undefined when every character is allowed.
 */
export function badNameChars(name: string): string | undefined {
  const said = new Set<string>();
  for (const ch of name) if (!allowed.test(ch)) said.add(ch === ' ' ? 'spaces' : /\s/.test(ch) ? 'tabs or line breaks' : `"${ch}"`);
  return said.size ? orList([...said]) : undefined;
}

/**
 * What is wrong with a (non-empty) container, volume or network name, as Docker checks it
 * (`[a-zA-Z0-9][a-zA-Z0-9_.-]+`), said after the name: the characters it refuses, by name, first.
 */
export function objectNameProblem(name: string): string | undefined {
  const bad = badNameChars(name);
  if (bad) return `cannot contain ${bad}: use only ${OBJECT_NAME_CHARS}`;
  if (!/^[a-zA-Z0-9]/.test(name)) return 'must start with a letter or a digit';
  if (name.length < 2) return 'must be at least 2 characters';
  return undefined;
}
