import { connect } from 'node:net';

/**
 * A client for qemu-guest-agent on its virtio-serial port (a unix socket on the host). The port serves
 * one connection at a time, so each call connects, syncs (discarding anything stale), runs one command
 * and disconnects. `rawArgs` is spliced in as JSON text so 64-bit nanosecond times keep their precision.
 */
export async function guestAgent<T = unknown>(
  socketPath: string,
  command: string,
  options: { args?: Record<string, unknown>; rawArgs?: string; timeoutMs?: number } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const syncId = Math.floor(Math.random() * 1e9);
  const args = options.rawArgs ?? (options.args ? JSON.stringify(options.args) : undefined);
  return new Promise<T>((resolve, reject) => {
    const sock = connect(socketPath);
    let buf = '';
    let synced = false;
    const finish = (err: Error | undefined, value?: T) => {
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(value as T);
    };
    const timer = setTimeout(() => finish(new Error(`The guest agent did not answer ${command} within ${timeoutMs} ms`)), timeoutMs);
    sock.on('error', (e) => finish(new Error(`Cannot reach the guest agent: ${e.message}`)));
    sock.on('connect', () => sock.write(`{"execute":"guest-sync","arguments":{"id":${syncId}}}\n`));
    sock.on('data', (d) => {
      buf += d.toString('utf8');
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        let msg: { return?: unknown; error?: { desc: string } };
        try {
          msg = JSON.parse(line) as typeof msg;
        } catch {
          continue;
        }
        if (!synced) {
          if (msg.return === syncId) {
            synced = true;
            sock.write(args ? `{"execute":"${command}","arguments":${args}}\n` : `{"execute":"${command}"}\n`);
          }
          continue;
        }
        if (msg.error) finish(new Error(`Guest agent ${command} failed: ${msg.error.desc}`));
        else finish(undefined, msg.return as T);
      }
    });
    // Commands that end the agent (guest-shutdown) answer nothing: closing counts as done.
    sock.on('close', () => synced && finish(undefined, undefined));
  });
}

/** Sets the guest's clock to the host's (after a resume the guest is behind by the time it was saved). */
export function syncGuestClock(socketPath: string): Promise<unknown> {
  const nowNs = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n;
  return guestAgent(socketPath, 'guest-set-time', { rawArgs: `{"time":${nowNs}}` });
}

/** What a program run in the guest by `guestExec` printed and how it ended. */
export interface GuestExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program in the guest through the agent's guest-exec and waits for it (polling
 * guest-exec-status), with its output. Rejects when it does not end within `timeoutMs`.
 */
export async function guestExec(socketPath: string, path: string, args: string[], timeoutMs = 30_000): Promise<GuestExecResult> {
  const end = Date.now() + timeoutMs;
  const { pid } = await guestAgent<{ pid: number }>(socketPath, 'guest-exec', { args: { path, arg: args, 'capture-output': true }, timeoutMs });
  for (;;) {
    const s = await guestAgent<{ exited: boolean; exitcode?: number; signal?: number; 'out-data'?: string; 'err-data'?: string }>(socketPath, 'guest-exec-status', {
      args: { pid },
      timeoutMs: Math.max(1000, end - Date.now()),
    });
    if (s.exited) {
      const text = (b64?: string) => (b64 ? Buffer.from(b64, 'base64').toString('utf8') : '');
      return { exitCode: s.exitcode ?? (s.signal ? 128 + s.signal : -1), stdout: text(s['out-data']), stderr: text(s['err-data']) };
    }
    if (Date.now() > end) throw new Error(`${path} ${args.join(' ')} did not finish in the guest within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
