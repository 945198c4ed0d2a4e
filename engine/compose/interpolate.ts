/** Variables for interpolation: the process environment, then `.env` (the environment wins, as in compose). */
export type Vars = Readonly<Record<string, string | undefined>>;

export class InterpolationError extends Error {}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Compose interpolation of one string: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, and `$$` for a literal `$`. Defaults
 * and alternatives are interpolated too. An unset variable without a default is "" (compose warns;
 * `onMissing` hears it). Throws InterpolationError with a message in words.
 */
export function interpolate(text: string, vars: Vars, onMissing?: (name: string) => void): string {
  return new Reader(text, vars, onMissing).all();
}

class Reader {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly vars: Vars,
    private readonly onMissing?: (name: string) => void,
  ) {}

  all(): string {
    const out = this.until(undefined);
    return out;
  }

  /** Read up to (not including) an unmatched `stop` character, or the end. */
  private until(stop: '}' | undefined): string {
    let out = '';
    let depth = 0;
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (stop && c === '}' && depth === 0) return out;
      if (c === '$') {
        out += this.dollar();
        continue;
      }
      if (stop && c === '{') depth++;
      if (stop && c === '}') depth--;
      out += c;
      this.i++;
    }
    if (stop) throw new InterpolationError(`"${this.s}" has a "\${" without its closing "}"`);
    return out;
  }

  private dollar(): string {
    const next = this.s[this.i + 1];
    if (next === '$') {
      this.i += 2;
      return '$';
    }
    if (next === '{') {
      this.i += 2;
      return this.braced();
    }
    const m = NAME.exec(this.s.slice(this.i + 1));
    if (!m) {
      if (next === undefined || /[\s"'/:;,.)\]-]/.test(next)) {
        this.i++;
        return '$';
      }
      throw new InterpolationError(`"${this.s}" has an invalid "$${next}": use "$$" for a literal "$", or \${NAME}`);
    }
    this.i += 1 + m[0].length;
    return this.value(m[0]);
  }

  private braced(): string {
    const m = NAME.exec(this.s.slice(this.i));
    if (!m) {
      const rest = this.s.slice(this.i, this.s.indexOf('}', this.i) >= 0 ? this.s.indexOf('}', this.i) : undefined);
      throw new InterpolationError(`"${this.s}" has an invalid variable name "\${${rest}}" (letters, digits and "_", not starting with a digit)`);
    }
    const name = m[0];
    this.i += name.length;
    const c = this.s[this.i];
    if (c === undefined) throw new InterpolationError(`"${this.s}" has a "\${" without its closing "}"`);
    if (c === '}') {
      this.i++;
      return this.value(name);
    }
    const colon = c === ':';
    const op = colon ? this.s[this.i + 1] : c;
    if (op !== '-' && op !== '?' && op !== '+') {
      const end = this.s.indexOf('}', this.i);
      const inner = this.s.slice(this.i - name.length, end < 0 ? undefined : end);
      throw new InterpolationError(`"${this.s}" has an invalid variable name or form "\${${inner}}": names are letters, digits and "_"; the forms are \${NAME}, \${NAME:-default}, \${NAME-default}, \${NAME:?error}, \${NAME?error}, \${NAME:+alt}`);
    }
    this.i += colon ? 2 : 1;
    const arg = this.until('}');
    this.i++; // the "}"
    const raw = this.vars[name];
    const set = raw !== undefined && (!colon || raw !== '');
    if (op === '-') return set ? raw! : arg;
    if (op === '+') return set ? arg : '';
    if (!set) throw new InterpolationError(arg ? `required variable ${name} is ${raw === undefined ? 'not set' : 'empty'}: ${arg}` : `required variable ${name} is ${raw === undefined ? 'not set' : 'empty'}`);
    return raw!;
  }

  private value(name: string): string {
    const v = this.vars[name];
    if (v === undefined) {
      this.onMissing?.(name);
      return '';
    }
    return v;
  }
}
