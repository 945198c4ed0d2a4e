import type { VmProgress, VmStartResult } from '../driver.js';
import { pingOnce } from '../engine-socket/ping.js';
import type { VmStatusCell } from '../vm-status-cell.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One start of a driver that boots and then waits for dockerd (vfkit, WSL): each step is the status
 * and a progress report with the time since the start, and the stages are timed the same way.
 */
export class EngineStart {
  readonly t0 = Date.now();
  private readonly stages: VmStartResult['stages'] = [];

  constructor(
    private readonly status: VmStatusCell,
    private readonly onProgress?: (p: VmProgress) => void,
  ) {}

  /** Shows `step` as the starting status and reports it. */
  step(step: string): void {
    this.status.set({ state: 'starting', message: step });
    this.onProgress?.({ step, elapsedMs: Date.now() - this.t0 });
  }

  /** Records that the stage `name` was reached now. */
  reached(name: string): void {
    this.stages.push({ name, hostMs: Date.now() - this.t0 });
  }

  /**
   * Pings dockerd through `socketPath` until it answers (then records the `ping` stage). Fails when
   * `signal` is aborted, when `exited()` says the process behind it ended, or `timeoutMs` after the start
   * (`who` did not answer).
   */
  async waitForEngine(o: { socketPath: string; signal?: AbortSignal; exited: () => string | undefined; timeoutMs: number; who: string }): Promise<void> {
    const deadline = this.t0 + o.timeoutMs;
    while (!(await pingOnce(o.socketPath, 2000))) {
      if (o.signal?.aborted) throw new Error('Starting the VM was cancelled.');
      const exited = o.exited();
      if (exited) throw new Error(`${exited} before the engine answered.`);
      if (Date.now() > deadline) throw new Error(`${o.who} did not answer within ${Math.round(o.timeoutMs / 1000)} s.`);
      await sleep(200);
    }
    this.reached('ping');
  }

  /** The result of a start that booted (not resumed) and reached dockerHost. */
  result(dockerHost: string): VmStartResult {
    return { dockerHost, resumed: false, stages: this.stages, totalMs: Date.now() - this.t0 };
  }
}
