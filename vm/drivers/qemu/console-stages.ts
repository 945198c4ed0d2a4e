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

/** The guest kernel panicked before the engine answered (its panic line is in the message). */
export class GuestPanicError extends Error {
  constructor(line: string) {
    super(`The VM's kernel panicked while booting (${line}).`);
  }
}

/** The kernel's panic line in console text (`Kernel panic - not syncing: …`), if any. */
export function findPanic(text: string): string | undefined {
  return /Kernel panic - not syncing:[^\r\n]*/.exec(text)?.[0].trim();
}

/**
 * Follows a growing console log, reporting each new marker once (polls: no fs.watch on every OS). It also
 * keeps the kernel's panic line once one is printed: under TCG a guest kernel has panicked early in boot
 * ("Fatal exception in interrupt") and then hung instead of ending QEMU as panic=-1 asks.
 */
export class ConsoleFollower {
  private offset = 0;
  private partial = '';
  private readonly seen = new Set<string>();
  /** The first `Kernel panic - not syncing: …` line seen, if any. */
  panic: string | undefined;

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
      const lines = nl >= 0 ? all.slice(0, nl) : '';
      this.panic ??= findPanic(lines);
      return parseStages(lines).filter((s) => !this.seen.has(s.name) && this.seen.add(s.name));
    } finally {
      closeSync(fd);
    }
  }
}
