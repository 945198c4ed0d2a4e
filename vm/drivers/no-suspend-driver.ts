import { rmSync } from 'node:fs';
import type { Disposable } from '../../contract/define.js';
import type { VmPortForward, VmStatus } from '../driver.js';
import type { VmPaths } from '../vm-files.js';
import { VmStatusCell } from '../vm-status-cell.js';
import { ForwardSet } from './forward-set.js';

/**
 * What the drivers that cannot suspend (vfkit, WSL) share: the status cell behind `status`/`onStatus`,
 * the port forwards behind `forwardedPorts`, and `delete`: halt, remove what lives elsewhere, then the
 * VM's dir.
 */
export abstract class NoSuspendDriver {
  readonly canSuspend = false;
  abstract readonly paths: VmPaths;
  protected readonly statusCell = new VmStatusCell({ state: 'absent' });
  protected readonly forwards = new ForwardSet();

  /** Ends the VM (or engine) at once, with its forwards and engine socket. */
  protected abstract halt(): Promise<void>;

  /** Removes what the VM keeps outside its dir; runs after halt, before the dir goes. */
  protected async removeOutside(): Promise<void> {}

  /** Nothing is ever saved, so there is nothing to discard. */
  async discardSuspended(): Promise<void> {}

  async delete(): Promise<void> {
    this.statusCell.set({ state: 'deleting' });
    await this.halt();
    await this.removeOutside();
    rmSync(this.paths.dir, { recursive: true, force: true });
    this.statusCell.set({ state: 'absent' });
  }

  async status(): Promise<VmStatus> {
    return { ...this.statusCell.now };
  }

  onStatus(listener: (s: VmStatus) => void): Disposable {
    return this.statusCell.subscribe(listener);
  }

  forwardedPorts(): VmPortForward[] {
    return this.forwards.list();
  }
}
