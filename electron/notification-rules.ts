import type { EngineEvent, EngineStatus } from '../contract/index.js';
import type { NotificationKind } from '../contract/domains/settings.js';

/** A notification to show: which setting switches it, what it says, and the page a click opens. */
export interface Notice {
  kind: NotificationKind;
  title: string;
  body: string;
  /** The page's hash route, e.g. "#/containers/abc". */
  route: string;
}

const short = (id: string) => id.slice(0, 12);

/**
 * Which container exits deserve a notification: a non-zero exit or an OOM kill, never one the user
 * asked for. Every stop, kill, restart or forced remove, from Berth or from the CLI, reaches the
 * engine as a request and shows as a `kill` event (with its signal) before the `die`; a process that
 * crashes or is OOM-killed by the kernel dies without one. So a `kill` marks the next `die` as asked.
 */
export class ContainerExitRules {
  private readonly asked = new Set<string>();
  private readonly oom = new Set<string>();

  event(e: EngineEvent): Notice | undefined {
    if (e.type !== 'container') return undefined;
    const name = e.name ?? e.attributes.name ?? short(e.id);
    switch (e.action) {
      case 'kill':
        this.asked.add(e.id);
        return undefined;
      case 'oom':
        this.oom.add(e.id);
        return undefined;
      case 'start':
      case 'destroy':
        this.asked.delete(e.id);
        this.oom.delete(e.id);
        return undefined;
      case 'die': {
        const asked = this.asked.delete(e.id);
        const oom = this.oom.delete(e.id);
        if (asked) return undefined;
        const code = e.attributes.exitCode ?? '';
        const route = `#/containers/${e.id}`;
        if (oom) return { kind: 'containerExited', title: `${name} was killed: out of memory`, body: `The kernel ended it for using more memory than it may (exit code ${code || '137'}).`, route };
        if (code !== '' && code !== '0') return { kind: 'containerExited', title: `${name} exited unexpectedly`, body: `Exit code ${code}. Its logs may say why.`, route };
        return undefined;
      }
      default:
        return undefined;
    }
  }
}

/**
 * The engine stopped: a running engine that is no longer running, unless the user asked for it
 * (a VM stop from the tray or the Engine page) or Berth is quitting.
 */
export class EngineStopRule {
  private last?: EngineStatus['state'];
  private askedUntil = 0;

  /** The back end restarted: its first status is not a change. */
  reset(): void {
    this.last = undefined;
  }

  /** A stop, restart or delete of the VM was requested; the next fall from running is expected. */
  expectStop(now = Date.now(), forMs = 120_000): void {
    this.askedUntil = now + forMs;
  }

  status(s: EngineStatus, now = Date.now()): Notice | undefined {
    const was = this.last;
    this.last = s.state;
    if (was !== 'running' || s.state === 'running' || s.state === 'starting') return undefined;
    if (now < this.askedUntil) {
      this.askedUntil = 0;
      return undefined;
    }
    const what = s.provider === 'vm' ? 'Berth’s VM' : 'The Docker engine';
    return { kind: 'engineStopped', title: `${what} stopped`, body: s.message ?? 'Containers cannot be managed until it runs again.', route: '#/engine' };
  }
}
