import { closeSync, openSync, readSync } from 'node:fs';

/** A stage marker the guest prints on its console: `berth-stage NAME UPTIME` (see vm/image/guest). */
export interface ConsoleStage {
  name: string;
  guestUptimeS: number;
}

/** Parses the markers out of console text. */
export function parseStages(text: string): ConsoleStage[] {
  const out: ConsoleStage[] = [];
  for (const m of text.matchAll(/berth-stage (\S+) ([0-9.]+)/g)) out.push({ name: m[1]!, guestUptimeS: Number(m[2]) });
  return out;
}

/** Follows a growing console log, reporting each new marker once (polls: no fs.watch on every OS). */
export class ConsoleFollower {
  private offset = 0;
  private partial = '';
  private readonly seen = new Set<string>();

  constructor(private readonly path: string) {}

  poll(): ConsoleStage[] {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      return [];
    }
    try {
      const buf = Buffer.alloc(65_536);
      let text = '';
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, this.offset);
        if (n <= 0) break;
        this.offset += n;
        text += buf.subarray(0, n).toString('latin1');
      }
      const all = this.partial + text;
      const nl = all.lastIndexOf('\n');
      this.partial = nl >= 0 ? all.slice(nl + 1) : all;
      return parseStages(nl >= 0 ? all.slice(0, nl) : '').filter((s) => !this.seen.has(s.name) && this.seen.add(s.name));
    } finally {
      closeSync(fd);
    }
  }
}
