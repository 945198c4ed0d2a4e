import type { VolumeSize, VolumeSizes } from '../../contract/models/volumes.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';

interface RawDf {
  Volumes?: { Name?: string; UsageData?: { Size?: number } | null }[] | null;
}

export interface SizeMeterOptions {
  /** Least time between two measurements started by events (default 5 s); `measure()` on demand waits only for one in flight. */
  minIntervalMs?: number;
  /** Wait after an event before measuring, so a burst is one measurement (default 1 s). */
  settleMs?: number;
  now?: () => number;
}

/**
 * Volume sizes, which only the costly GET /system/df gives and no event updates: measured on demand
 * and after events that can change them (debounced, at most one per interval), one at a time. Every
 * size says when it was measured. Listeners hear each new state.
 */
export class VolumeSizeMeter {
  private sizes: Record<string, VolumeSize> = {};
  private error?: string;
  private running?: Promise<VolumeSizes>;
  private lastStart = -Infinity;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly listeners = new Set<(s: VolumeSizes) => void>();
  private readonly minIntervalMs: number;
  private readonly settleMs: number;
  private readonly now: () => number;

  constructor(
    private readonly engine: EngineAdapter,
    private readonly endpoint: string,
    options: SizeMeterOptions = {},
  ) {
    this.minIntervalMs = options.minIntervalMs ?? 5000;
    this.settleMs = options.settleMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  current(): VolumeSizes {
    return { sizes: this.sizes, measuring: !!this.running, ...(this.error ? { error: this.error } : {}) };
  }

  hasMeasured(): boolean {
    return this.lastStart > -Infinity;
  }

  onChange(listener: (s: VolumeSizes) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Measure now, or join the measurement in flight. */
  measure(): Promise<VolumeSizes> {
    if (this.running) return this.running;
    this.lastStart = this.now();
    this.running = this.read().finally(() => {
      this.running = undefined;
      this.emit();
    });
    this.emit();
    return this.running;
  }

  /** Something changed: measure after things settle, but not sooner than the interval after the last one. */
  soon(): void {
    if (this.timer) return;
    const wait = Math.max(this.settleMs, this.lastStart + this.minIntervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.listeners.size) void this.measure().catch(() => undefined);
    }, wait);
  }

  /** The volume is gone: forget its size. */
  forget(name: string): void {
    if (!(name in this.sizes)) return;
    const { [name]: _gone, ...rest } = this.sizes;
    this.sizes = rest;
    this.emit();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  private async read(): Promise<VolumeSizes> {
    try {
      // type=volume (API 1.42+) spares the engine the images and containers; older engines ignore it.
      const df = await this.engine.json<RawDf>({ path: '/system/df', query: { type: 'volume' } });
      const measuredAt = this.now();
      const sizes: Record<string, VolumeSize> = {};
      for (const v of df.Volumes ?? []) {
        if (!v.Name) continue;
        const size = v.UsageData?.Size;
        sizes[v.Name] = { bytes: typeof size === 'number' && size >= 0 ? size : null, measuredAt };
      }
      this.sizes = sizes;
      this.error = undefined;
    } catch (err) {
      this.error = toBerthError(err, this.endpoint).message;
    }
    return { sizes: this.sizes, measuring: false, ...(this.error ? { error: this.error } : {}) };
  }

  private emit(): void {
    const state = this.current();
    for (const l of [...this.listeners]) l(state);
  }
}
