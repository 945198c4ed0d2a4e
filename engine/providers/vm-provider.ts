import type { EngineEndpoint, EngineStep, VmView } from '../../contract/model.js';
import type { Disposable } from '../../contract/define.js';
import type { VmShare } from '../../vm/driver.js';
import type { ForwardSpec } from '../../vm/ports/port-forwarder.js';
import type { EngineProvider, ProviderFailure, ProviderResult, ProviderUpdate } from './engine-provider.js';

/** A step of the VM's start as the VM reports it (label, and when it began and ended). */
export interface VmStartStep {
  label: string;
  state: EngineStep['state'];
  startedAt?: number;
  endedAt?: number;
}

/** What the back end needs from Berth's VM (vm/ implements it; tests fake it). */
export interface VmEngineHost {
  /** Can the VM run here at all? If not, why, and what to install. */
  available(): Promise<{ ok: true } | { ok: false; message: string; remedy: string }>;
  /** Boot it (or resume a suspended one) and wait until dockerd answers; resolves with the host socket (`unix://…`). */
  start(onProgress: (steps: VmStartStep[], vm: VmView) => void, signal: AbortSignal): Promise<string>;
  /** Quit: save the running VM to resume fast next time, else stop it cleanly. Never leaves QEMU behind. */
  shutdown(): Promise<void>;
  /** A clean stop (no suspend). */
  stop(): Promise<void>;
  /** Delete the VM and its data disk (images, containers, volumes). */
  delete(): Promise<void>;
  /** What the Engine page shows now. */
  view(): VmView;
  /** The VM went away by itself (QEMU exited): why, and the console's last lines. */
  onExit(listener: (message: string, consoleTail: string[]) => void): void;
  /** Forwards a host port to a port the engine published in the VM; rejects when the host port is taken. */
  forwardPort(spec: ForwardSpec): Promise<Disposable>;
  /** The folders shared with the VM now (the running VM's; else what the next start uses). */
  shares(): VmShare[];
}

export function vmProvider(host: VmEngineHost, now: () => number = Date.now): EngineProvider {
  const lost: ((f: ProviderFailure) => void)[] = [];
  let endpoint: EngineEndpoint | undefined;
  let up = false;
  host.onExit((message, consoleTail) => {
    if (!up) return;
    up = false;
    for (const l of lost) l({ endpoint, started: true, message: `Berth’s VM stopped: ${message}`, remedy: 'Start it again from the Engine page; the console’s last lines are below.', logTail: consoleTail });
  });

  return {
    kind: 'vm',
    async start(report, signal): Promise<ProviderResult> {
      const can = await host.available();
      if (!can.ok) return { ok: false, failure: { message: can.message, remedy: can.remedy } };
      const update = (steps: VmStartStep[], vm: VmView): ProviderUpdate => {
        const active = steps.find((s) => s.state === 'active');
        return { message: active ? `${active.label}…` : 'Starting Berth’s VM…', managed: true, endpoint, steps: steps.map((s) => toEngineStep(s, now())), vm };
      };
      report({ message: 'Starting Berth’s VM…', managed: true, vm: host.view() });
      try {
        const socket = await host.start((steps, vm) => report(update(steps, vm)), signal);
        endpoint = { host: socket, source: 'vm' };
        up = true;
        return { ok: true, ready: { target: { socketPath: socket.replace(/^unix:\/\//, '') }, endpoint, managed: true } };
      } catch (err) {
        const view = host.view();
        return {
          ok: false,
          failure: {
            message: `Berth’s VM did not start: ${err instanceof Error ? err.message : String(err)}`,
            remedy: (err as { remedy?: string }).remedy ?? 'See the console’s last lines below. Start it again from the Engine page, or reset the VM.',
            logTail: view.consoleTail,
            started: true,
          },
        };
      }
    },
    onLost(listener) {
      lost.push(listener);
    },
    async stop() {
      up = false;
      await host.shutdown();
    },
  };
}

function toEngineStep(s: VmStartStep, now: number): EngineStep {
  const elapsedMs = s.startedAt === undefined ? undefined : (s.endedAt ?? now) - s.startedAt;
  return elapsedMs === undefined ? { label: s.label, state: s.state } : { label: s.label, state: s.state, elapsedMs };
}
