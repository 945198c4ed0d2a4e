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
