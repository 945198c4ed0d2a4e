import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockTotals, cpuPercent, memoryUsage, networkTotals, StatsCalculator, type RawStats } from './stats-calc.js';

/** A real sample from dockerd 20.10 (cgroup v1, 2 CPUs) of `sh -c 'while :; do :; done'`. */
const v1 = JSON.parse(readFileSync(new URL('./fixtures/cgroup1-busy.json', import.meta.url), 'utf8')) as RawStats;

/** A real-shaped cgroup v2 sample (Docker 24): inactive_file instead of total_inactive_file, lower-case blkio ops. */
const v2: RawStats = {
  read: '2024-05-01T10:00:01.000000000Z',
  pids_stats: { current: 7 },
  blkio_stats: {
    io_service_bytes_recursive: [
      { op: 'read', value: 4_096_000 },
      { op: 'write', value: 1_024 },
    ],
  },
  cpu_stats: { cpu_usage: { total_usage: 25_000_000_000 }, system_cpu_usage: 800_000_000_000, online_cpus: 4 },
  precpu_stats: { cpu_usage: { total_usage: 24_500_000_000 }, system_cpu_usage: 796_000_000_000, online_cpus: 4 },
  memory_stats: { usage: 52_000_000, limit: 536_870_912, stats: { inactive_file: 12_000_000, active_file: 3_000_000, anon: 30_000_000 } },
  networks: { eth0: { rx_bytes: 1000, tx_bytes: 200 }, eth1: { rx_bytes: 24, tx_bytes: 0 } },
};

describe('stats calculations (as docker stats does)', () => {
  it('CPU % from the cgroup v1 sample: Δcpu / Δsystem × online CPUs × 100', () => {
    // (2987102788 − 1988817248) / (3713000000000 − 3711010000000) × 2 × 100
    expect(cpuPercent(v1)).toBeCloseTo(((2987102788 - 1988817248) / 1_990_000_000) * 2 * 100, 6);
    expect(cpuPercent(v1)).toBeCloseTo(100.33, 1);
  });

  it('CPU % from the cgroup v2 sample', () => {
    expect(cpuPercent(v2)).toBeCloseTo((500_000_000 / 4_000_000_000) * 4 * 100, 6); // 50 %
  });

  it('CPU % is 0 on the first sample of a stream (no precpu) and when counters go backwards', () => {
    expect(cpuPercent({ ...v1, precpu_stats: { cpu_usage: { total_usage: 0 } } })).toBe(0);
    expect(cpuPercent({ ...v2, cpu_stats: { ...v2.cpu_stats, system_cpu_usage: 1 } })).toBe(0);
  });

  it('falls back to the per-CPU list when online_cpus is missing', () => {
    const noOnline: RawStats = { ...v1, cpu_stats: { ...v1.cpu_stats, online_cpus: undefined } };
    expect(cpuPercent(noOnline)).toBeCloseTo(cpuPercent(v1), 6);
  });

  it('memory without cache: usage − total_inactive_file (v1), usage − inactive_file (v2)', () => {
    expect(memoryUsage(v1)).toBe(335_872); // total_inactive_file is 0
    expect(memoryUsage({ ...v1, memory_stats: { ...v1.memory_stats, stats: { ...v1.memory_stats!.stats, total_inactive_file: 35_872 } } })).toBe(300_000);
    expect(memoryUsage(v2)).toBe(40_000_000);
    // Never negative: an inactive_file larger than usage is ignored.
    expect(memoryUsage({ memory_stats: { usage: 10, stats: { inactive_file: 20 } } })).toBe(10);
  });

  it('sums network interfaces and block I/O in both op spellings', () => {
    expect(networkTotals(v1)).toEqual({ rx: 516, tx: 0 });
    expect(networkTotals(v2)).toEqual({ rx: 1024, tx: 200 });
    expect(blockTotals(v2)).toEqual({ read: 4_096_000, write: 1_024 });
    expect(blockTotals({ blkio_stats: { io_service_bytes_recursive: [{ op: 'Read', value: 5 }, { op: 'Write', value: 6 }, { op: 'Total', value: 11 }] } })).toEqual({ read: 5, write: 6 });
    expect(blockTotals(v1)).toEqual({ read: 0, write: 0 });
    expect(blockTotals({ blkio_stats: { io_service_bytes_recursive: null } })).toEqual({ read: 0, write: 0 });
  });

  it('StatsCalculator: full sample, then per-second rates from the previous one', () => {
    const calc = new StatsCalculator();
    const first = calc.next(v2);
    expect(first).toMatchObject({ cpuPercent: 50, onlineCpus: 4, memoryBytes: 40_000_000, memoryLimitBytes: 536_870_912, pids: 7, networkRxRate: 0, blockReadRate: 0 });
    expect(first.memoryPercent).toBeCloseTo((40_000_000 / 536_870_912) * 100, 6);
    expect(first.time).toBe(Date.parse('2024-05-01T10:00:01Z'));
    const second = calc.next({
      ...v2,
      read: '2024-05-01T10:00:03.000000000Z',
      networks: { eth0: { rx_bytes: 3000, tx_bytes: 600 } },
      blkio_stats: { io_service_bytes_recursive: [{ op: 'read', value: 4_096_000 + 8192 }, { op: 'write', value: 1_024 }] },
    });
    expect(second).toMatchObject({ networkRxBytes: 3000, networkRxRate: (3000 - 1024) / 2, networkTxRate: 200, blockReadRate: 4096, blockWriteRate: 0 });
  });

  it('a counter reset (container restarted) gives a rate of 0, never negative', () => {
    const calc = new StatsCalculator();
    calc.next(v2);
    const after = calc.next({ ...v2, read: '2024-05-01T10:00:02Z', networks: { eth0: { rx_bytes: 10, tx_bytes: 0 } } });
    expect(after.networkRxRate).toBe(0);
  });
});
