import type { Disposable } from '../contract/define.js';
import type { VmStatus } from './driver.js';

/**
 * A driver's current status and its listeners (`VmDriver.onStatus`), the same for every driver: a new
 * listener hears the current status at once, then every change.
 */
export class VmStatusCell {
  private value: VmStatus;
  private readonly listeners = new Set<(s: VmStatus) => void>();

  constructor(initial: VmStatus) {
    this.value = initial;
  }

  get now(): VmStatus {
    return this.value;
  }

  set(s: VmStatus): void {
    this.value = s;
    for (const l of [...this.listeners]) l(s);
  }

  subscribe(listener: (s: VmStatus) => void): Disposable {
    this.listeners.add(listener);
    listener(this.value);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
