import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** The line number an engine error names for a Dockerfile, e.g. "dockerfile parse error line 3: unknown instruction: RUNN". */
export function dockerfileErrorLine(message: string): number | undefined {
  const m = /dockerfile parse error (?:on )?line (\d+)/i.exec(message) ?? (/dockerfile/i.test(message) ? /\bline (\d+)\b/i.exec(message) : null);
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Line `n` (1-based) of a text file, read as a stream up to that line (bounded: stops there, lines clipped). */
export async function readLine(path: string, n: number, maxChars = 2000): Promise<string | undefined> {
  const input = createReadStream(path, { encoding: 'utf8', end: 8 * 1024 * 1024 });
  const rl = createInterface({ input, crlfDelay: Infinity });
  let i = 0;
  try {
    for await (const line of rl) {
      if (++i === n) return line.length > maxChars ? `${line.slice(0, maxChars)}…` : line;
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    rl.close();
    input.destroy();
  }
}
