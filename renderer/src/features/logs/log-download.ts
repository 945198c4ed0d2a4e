import type { BerthError } from '../../../../contract/index.js';
import { logChunkLines } from '../../../../contract/models/container-logs.js';
import type { LogsApi } from './log-session.js';

export interface FullLogOptions {
  id: string;
  timestamps: boolean;
  /** Seconds back from now, or undefined for all time. */
  sinceSeconds?: number;
}

/**
 * The container's whole log (follow off, tail all) straight from the engine, as text parts ready for a
 * Blob: one part per chunk, so nothing is concatenated into one huge string.
 */
export function fetchFullLog(api: LogsApi, options: FullLogOptions): Promise<{ parts: string[]; lines: number }> {
  return new Promise((resolve, reject) => {
    const parts: string[] = [];
    let lines = 0;
    const since = options.sinceSeconds !== undefined ? Math.max(0, Date.now() / 1000 - options.sinceSeconds) : undefined;
    api.containers.logs(
      { id: options.id, follow: false, timestamps: options.timestamps, tail: 'all', ...(since !== undefined ? { since } : {}) },
      {
        next(chunks) {
          for (const c of chunks) {
            if (c.count === 0) continue; // "the log is open": no text
            lines += c.count;
            const ts = c.ts;
            if (!ts) parts.push(c.text, '\n');
            else parts.push(`${logChunkLines(c).map((l, i) => (ts[i] != null ? `${new Date(ts[i]).toISOString()} ${l}` : l)).join('\n')}\n`);
          }
        },
        error: (err: BerthError) => reject(err),
        complete: () => resolve({ parts, lines }),
      },
    );
  });
}

/** Save text as a file through a Blob and an object URL (works in the browser and in Electron). */
export function saveTextFile(parts: BlobPart[], fileName: string): void {
  const blob = new Blob(parts, { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
