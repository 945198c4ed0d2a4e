import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RotatingLogFile } from '../supervisor/log-file.js';

/** Berth's own log: `<dataDir>/logs/berth.log`, rotated to berth.log.1 past this size. */
export const BERTH_LOG_MAX_BYTES = 2 * 1024 * 1024;

export function berthLogPath(dataDir: string): string {
  return join(dataDir, 'logs', 'berth.log');
}

export interface BerthLog {
  /** Writes one line (timestamped) to the file, and passes it on to `echo` (stderr) as before. */
  log(line: string): void;
  readonly path: string;
  close(): Promise<void>;
}

/**
 * Where `log` is made in each host (server/main.ts, electron/main.ts): every line also lands in a
 * size-capped, rotated file, so a diagnostics bundle can hold what happened before the user noticed.
 * If the folder cannot be made, lines still reach `echo`.
 */
export function createBerthLog(dataDir: string, echo: (line: string) => void, maxBytes = BERTH_LOG_MAX_BYTES): BerthLog {
  const path = berthLogPath(dataDir);
  let file: RotatingLogFile | undefined;
  try {
    mkdirSync(join(dataDir, 'logs'), { recursive: true, mode: 0o700 });
    file = new RotatingLogFile(path, maxBytes);
  } catch (err) {
    echo(`cannot write Berth's log file ${path}: ${(err as Error).message}`);
  }
  return {
    path,
    log(line) {
      file?.write(`${new Date().toISOString()} ${line}`);
      echo(line);
    },
    close: () => file?.close() ?? Promise.resolve(),
  };
}
