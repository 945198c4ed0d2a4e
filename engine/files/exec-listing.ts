import { PassThrough } from 'node:stream';
import { containerPath } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import type { FileEntry } from '../../contract/models/container-files.js';
import { kindOfTypeChar, modeString, type TypeChar } from './file-mode.js';

/**
 * A directory listing made inside a running container with `sh` and `stat` (busybox or coreutils):
 * one process, no matter how much data lies below the directory. Used when the archive listing had
 * to stop early (a huge tree such as `/` of a big image). Symlink targets are not read here (that
 * would cost a process per link). Resolves undefined when the container cannot do it (no shell, no
 * stat, a name the line format cannot carry), so the caller keeps what it has.
 */
const SCRIPT = `cd -- "$1" || exit 3; stat -c '%f %s %Y %n' -- .[!.]* ..?* * 2>/dev/null; exit 0`;

export async function execListing(engine: EngineAdapter, id: string, dir: string, maxEntries: number, signal?: AbortSignal): Promise<{ entries: FileEntry[]; truncated: boolean } | undefined> {
  try {
    const body = { Cmd: ['sh', '-c', SCRIPT, 'berth-ls', dir], AttachStdout: true, AttachStderr: false, User: '0' };
    const { Id: execId } = await engine.json<{ Id: string }>({ method: 'POST', path: `${containerPath(id)}/exec`, body, signal });
    const stream = await engine.hijack({ path: `/exec/${encodeURIComponent(execId)}/start`, body: { Detach: false, Tty: false }, stdin: false, signal });
    const out = new PassThrough();
    engine.demux(stream, out, new PassThrough().resume());
    const onAbort = () => stream.destroy();
    signal?.addEventListener('abort', onAbort, { once: true });
    const entries = new Map<string, FileEntry>();
    let truncated = false;
    let rest = '';
    let bad = false;
    const decoder = new TextDecoder();
    try {
      await new Promise<void>((resolve, reject) => {
        const onLine = (line: string) => {
          if (!line) return;
          const e = parseStatLine(line);
          if (!e) {
            bad = true;
            return;
          }
          if (e.name === '.' || e.name === '..' || e.name.includes('/')) return;
          entries.set(e.name, e);
          if (entries.size >= maxEntries) truncated = true;
        };
        out.on('data', (chunk: Buffer) => {
          const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
          rest = lines.pop() ?? '';
          lines.forEach(onLine);
          if (truncated || bad) {
            stream.destroy();
            resolve();
          }
        });
        stream.on('end', () => {
          onLine(rest + decoder.decode());
          resolve();
        });
        stream.on('close', () => resolve());
        stream.on('error', reject);
      });
    } finally {
      signal?.removeEventListener('abort', onAbort);
      stream.destroy();
    }
    if (bad || signal?.aborted) return undefined;
    const info = await engine.json<{ ExitCode?: number | null }>({ path: `/exec/${encodeURIComponent(execId)}/json` }).catch(() => undefined);
    if (!truncated && info?.ExitCode !== 0) return undefined;
    return { entries: [...entries.values()], truncated };
  } catch {
    return undefined;
  }
}

/** "41ed 4096 1795451533 bin" (raw hex st_mode, size, mtime seconds, name) → a FileEntry. */
export function parseStatLine(line: string): FileEntry | undefined {
  const m = /^([0-9a-f]{1,7}) (\d+) (\d+) (.+)$/.exec(line);
  if (!m) return undefined;
  const raw = Number.parseInt(m[1]!, 16);
  const type = unixType(raw);
  const perm = raw & 0o7777;
  const kind = kindOfTypeChar(type);
  return { name: m[4]!, kind, size: kind === 'file' ? Number(m[2]) : 0, mode: modeString(type, perm), mtime: Number(m[3]) * 1000 };
}

function unixType(raw: number): TypeChar {
  switch (raw & 0o170000) {
    case 0o040000:
      return 'd';
    case 0o120000:
      return 'l';
    case 0o020000:
      return 'c';
    case 0o060000:
      return 'b';
    case 0o010000:
      return 'p';
    case 0o140000:
      return 's';
    default:
      return '-';
  }
}
