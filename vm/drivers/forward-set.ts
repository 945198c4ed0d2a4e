import type { Disposable } from '../../contract/define.js';
import type { VmPortForward } from '../driver.js';

/** The port forwards a driver made and has not disposed yet (`VmDriver.forwardedPorts`). */
export class ForwardSet {
  private readonly forwards = new Map<VmPortForward, Disposable>();

  /** Keeps `made`, the forward made for `forward`; disposing the result ends it and forgets it. */
  add(forward: VmPortForward, made: Disposable): Disposable {
    this.forwards.set(forward, made);
    return {
      dispose: () => {
        this.forwards.get(forward)?.dispose();
        this.forwards.delete(forward);
      },
    };
  }

  list(): VmPortForward[] {
    return [...this.forwards.keys()];
  }

  /** Ends every forward (the VM is going away). */
  disposeAll(): void {
    for (const d of this.forwards.values()) d.dispose();
    this.forwards.clear();
  }
}
