import type { RecycleBinStore } from './recycle-bin-store.js';

/** Longest single wait (setTimeout's limit is ~24.8 days). */
const MAX_WAIT_MS = 2 ** 31 - 1;

/**
 * One timer, armed for the next entry's expiry: when it fires the store purges (which notifies
 * watchers) and the timer re-arms for the following one. unref'd, so it never keeps the process alive.
 */
export class PurgeTimer {
  private timer?: ReturnType<typeof setTimeout>;
  private at?: number;

  constructor(
    private readonly bin: RecycleBinStore,
    private readonly log: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  arm(expiresAt: number | undefined): void {
    if (expiresAt === undefined) {
      this.cancel();
      return;
    }
    if (this.timer && this.at === expiresAt) return;
    this.cancel();
    this.at = expiresAt;
    const wait = Math.min(Math.max(0, expiresAt - this.now()) + 50, MAX_WAIT_MS);
    this.timer = setTimeout(() => void this.fire(), wait);
    this.timer.unref?.();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.at = undefined;
  }

  private async fire(): Promise<void> {
    this.timer = undefined;
    this.at = undefined;
    try {
      await this.bin.purge();
      this.arm(await this.bin.nextExpiry());
    } catch (err) {
      this.log(`recycle bin: purge failed: ${String(err)}`);
    }
  }
}
