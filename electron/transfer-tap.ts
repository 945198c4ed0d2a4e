import type { Notice } from './notification-rules.js';

type Op = 'pull' | 'push' | 'build';
const OPS: Record<string, Op> = { 'images.pull': 'pull', 'images.push': 'push', 'images.build': 'build' };

interface Watched {
  op: Op;
  what: string;
  failed?: string;
  done?: boolean;
}

const VERB: Record<Op, [string, string]> = { pull: ['Pulled', 'Pull of'], push: ['Pushed', 'Push of'], build: ['Built', 'Build of'] };

/**
 * Sees a page's pulls, pushes and builds go by (they are streams the page subscribes to through the
 * IPC router), so the main process can say when one finished or failed without the page's help.
 * A stream the page cancelled (unsub) says nothing.
 */
export class TransferTap {
  private readonly watched = new Map<string, Watched>();

  constructor(private readonly notify: (n: Notice) => void) {}

  /** A message from the page on connection `conn`. */
  fromPage(conn: string, raw: unknown): void {
    const msg = raw as { t?: unknown; id?: unknown; name?: unknown; args?: Record<string, unknown> };
    if (typeof msg?.id !== 'number') return;
    const key = `${conn}:${msg.id}`;
    if (msg.t === 'unsub') this.watched.delete(key);
    if (msg.t !== 'sub' || typeof msg.name !== 'string' || !(msg.name in OPS)) return;
    const op = OPS[msg.name]!;
    const args = msg.args ?? {};
    const what = String(args.reference ?? args.tag ?? (Array.isArray(args.tags) ? args.tags[0] : undefined) ?? args.context ?? 'an image');
    this.watched.set(key, { op, what });
  }

  /** A message from the back end to the page on connection `conn`. */
  toPage(conn: string, raw: unknown): void {
    const msg = raw as { t?: unknown; id?: unknown; events?: unknown; error?: { message?: string } };
    if (typeof msg?.id !== 'number') return;
    const key = `${conn}:${msg.id}`;
    const w = this.watched.get(key);
    if (!w) return;
    if (msg.t === 'events' && Array.isArray(msg.events)) {
      for (const e of msg.events as { kind?: string; message?: string }[]) {
        if (e.kind === 'done') w.done = true;
        if (e.kind === 'failed') w.failed = e.message ?? 'failed';
      }
    } else if (msg.t === 'end') {
      this.watched.delete(key);
      const failed = msg.error?.message ?? w.failed;
      const [done, of] = VERB[w.op];
      const route = '#/images';
      if (failed) this.notify({ kind: 'transferFailed', title: `${of} ${w.what} failed`, body: failed, route });
      else if (w.done || w.op !== 'build') this.notify({ kind: 'transferFinished', title: `${done} ${w.what}`, body: `${of} ${w.what} finished.`, route });
    }
  }

  /** The connection went away: its streams end with it, unreported. */
  closed(conn: string): void {
    for (const key of [...this.watched.keys()]) if (key.startsWith(`${conn}:`)) this.watched.delete(key);
  }
}
