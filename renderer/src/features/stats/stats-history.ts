import type { ContainerStats } from '../../../../contract/models/container-exec.js';

/** Samples kept for the charts: two minutes at one per second. */
export const HISTORY_SIZE = 120;

/** A bounded, immutable history: each push returns a new array (React state), dropping the oldest beyond `size`. */
export function pushSample<T>(history: readonly T[], sample: T, size = HISTORY_SIZE): readonly T[] {
  const next = history.length >= size ? history.slice(history.length - size + 1) : history.slice();
  next.push(sample);
  return next;
}

/** "12.3 %" (one decimal under 100, none above). */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} %`;
}

/**
 * The memory card's line under the value. Without a memory limit the engine reports its own memory as
 * the "limit" (docker stats does the same), so "of the limit" would suggest a limit that was never set.
 */
export function memoryDetail(stats: Pick<ContainerStats, 'memoryPercent' | 'memoryLimitBytes'>, engineMemory: number | undefined): string {
  const unlimited = engineMemory !== undefined && engineMemory > 0 && stats.memoryLimitBytes >= engineMemory;
  return `${formatPercent(stats.memoryPercent)} ${unlimited ? 'of the engine’s memory (no limit set)' : 'of the limit'}`;
}

/** "1.5 KiB/s". */
export function formatRate(bytesPerSecond: number, formatBytes: (n: number) => string): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** The y-axis top for a series: a round-ish value above the max, never 0 (flat lines stay at the bottom). */
export function niceMax(values: readonly number[], floor = 1): number {
  let max = floor;
  for (const v of values) if (Number.isFinite(v) && v > max) max = v;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

/** Points [x0, y0, x1, y1, …] for values in a width × height box (newest at the right, `capacity` slots wide). */
export function plotPoints(values: readonly number[], max: number, width: number, height: number, capacity = HISTORY_SIZE): number[] {
  if (!values.length || max <= 0) return [];
  const step = width / Math.max(1, capacity - 1);
  const offset = (capacity - values.length) * step;
  const out: number[] = [];
  values.forEach((v, i) => out.push(offset + i * step, height - (Math.max(0, Math.min(v, max)) / max) * height));
  return out;
}

/** SVG polyline points for values in a width × height box (newest at the right, `capacity` slots wide). */
export function polylinePoints(values: readonly number[], max: number, width: number, height: number, capacity = HISTORY_SIZE): string {
  const p = plotPoints(values, max, width, height, capacity);
  const pairs: string[] = [];
  for (let i = 0; i < p.length; i += 2) pairs.push(`${p[i]!.toFixed(1)},${p[i + 1]!.toFixed(1)}`);
  return pairs.join(' ');
}

/** Convenience: one numeric series out of a history. */
export function seriesOf(history: readonly ContainerStats[], pick: (s: ContainerStats) => number): number[] {
  return history.map(pick);
}
