import type { ContainerStats } from '../../contract/models/container-exec.js';

/** The parts of the engine's stats JSON we read (cgroup v1 and v2). Everything optional: the engine omits fields freely. */
export interface RawStats {
  read?: string;
  preread?: string;
  pids_stats?: { current?: number };
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
  cpu_stats?: RawCpu;
  precpu_stats?: RawCpu;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
}

interface RawCpu {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** CPU % as `docker stats` computes it: (Δcontainer / Δsystem) × online CPUs × 100, using precpu_stats. */
export function cpuPercent(raw: RawStats): number {
  const cpu = raw.cpu_stats;
  const pre = raw.precpu_stats;
  // The first sample of a stream has no precpu: no rate can be computed yet.
  if (!cpu || !pre || !num(pre.system_cpu_usage)) return 0;
  const cpuDelta = num(cpu.cpu_usage?.total_usage) - num(pre.cpu_usage?.total_usage);
  const systemDelta = num(cpu.system_cpu_usage) - num(pre.system_cpu_usage);
  const online = onlineCpus(raw);
  if (systemDelta <= 0 || cpuDelta <= 0) return 0;
  return (cpuDelta / systemDelta) * online * 100;
}

export function onlineCpus(raw: RawStats): number {
  return num(raw.cpu_stats?.online_cpus) || raw.cpu_stats?.cpu_usage?.percpu_usage?.length || 1;
}

/** Memory without page cache, as `docker stats` shows it: usage − total_inactive_file (v1) or inactive_file (v2). */
export function memoryUsage(raw: RawStats): number {
  const mem = raw.memory_stats;
  const usage = num(mem?.usage);
  const stats = mem?.stats ?? {};
  if ('total_inactive_file' in stats) {
    const v = num(stats.total_inactive_file);
    if (v < usage) return usage - v;
  }
  const v = num(stats.inactive_file);
  if (v < usage) return usage - v;
  return usage;
}

export function networkTotals(raw: RawStats): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(raw.networks ?? {})) {
    rx += num(n?.rx_bytes);
    tx += num(n?.tx_bytes);
  }
  return { rx, tx };
}

/** Block I/O from io_service_bytes_recursive (ops are "Read"/"Write" on v1, "read"/"write" on v2). */
export function blockTotals(raw: RawStats): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const e of raw.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = e?.op?.toLowerCase();
    if (op === 'read') read += num(e.value);
    else if (op === 'write') write += num(e.value);
  }
  return { read, write };
}

/** Bytes/s between two cumulative counters (0 when time did not move or the counter was reset). */
function rate(now: number, before: number, seconds: number): number {
  return seconds > 0 && now >= before ? (now - before) / seconds : 0;
}

/**
 * Turns raw engine samples into ContainerStats. Keeps the previous sample for network and block I/O
 * rates (the engine gives only cumulative counters for those).
 */
export class StatsCalculator {
  private prev?: ContainerStats;

  next(raw: RawStats, fallbackTime = Date.now()): ContainerStats {
    const parsed = raw.read ? Date.parse(raw.read) : NaN;
    // A stopped container reports the zero time "0001-01-01T00:00:00Z".
    const time = Number.isFinite(parsed) && parsed > 0 ? parsed : fallbackTime;
    const memoryBytes = memoryUsage(raw);
    const memoryLimitBytes = num(raw.memory_stats?.limit);
    const net = networkTotals(raw);
    const blk = blockTotals(raw);
    const prev = this.prev;
    const seconds = prev ? (time - prev.time) / 1000 : 0;
    const stats: ContainerStats = {
      time,
      cpuPercent: cpuPercent(raw),
      onlineCpus: onlineCpus(raw),
      memoryBytes,
      memoryLimitBytes,
      memoryPercent: memoryLimitBytes > 0 ? (memoryBytes / memoryLimitBytes) * 100 : 0,
      networkRxBytes: net.rx,
      networkTxBytes: net.tx,
      networkRxRate: prev ? rate(net.rx, prev.networkRxBytes, seconds) : 0,
      networkTxRate: prev ? rate(net.tx, prev.networkTxBytes, seconds) : 0,
      blockReadBytes: blk.read,
      blockWriteBytes: blk.write,
      blockReadRate: prev ? rate(blk.read, prev.blockReadBytes, seconds) : 0,
      blockWriteRate: prev ? rate(blk.write, prev.blockWriteBytes, seconds) : 0,
      pids: num(raw.pids_stats?.current),
    };
    this.prev = stats;
    return stats;
  }
}
