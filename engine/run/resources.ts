import { formatMemory } from '../../contract/domains/container-run-parse.js';
import { BerthError } from '../../contract/errors.js';
import type { ContainerResources } from '../../contract/models/container-run.js';
import { containerPath, engineInfo } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';

interface RawInspect {
  Id: string;
  Name?: string;
  State?: { Running?: boolean; Paused?: boolean };
  HostConfig?: { NanoCpus?: number; CpuQuota?: number; CpuPeriod?: number; Memory?: number; MemorySwap?: number };
}

interface RawMemoryStats {
  usage?: number;
  stats?: Record<string, number | undefined>;
}

/** Memory in use the way `docker stats` counts it: usage minus the inactive page cache. */
export function memoryInUse(m: RawMemoryStats | undefined): number | undefined {
  if (!m || typeof m.usage !== 'number') return undefined;
  const s = m.stats ?? {};
  const cache = s.total_inactive_file ?? s.inactive_file ?? s.cache ?? 0;
  return Math.max(0, m.usage - (cache < m.usage ? cache : 0));
}

/** Inspect's limits → CPUs and bytes (null when not limited). */
export function limitsOf(raw: RawInspect): Pick<ContainerResources, 'cpus' | 'memory' | 'memorySwap'> {
  const h = raw.HostConfig ?? {};
  let cpus: number | null = null;
  if (h.NanoCpus && h.NanoCpus > 0) cpus = h.NanoCpus / 1e9;
  else if (h.CpuQuota && h.CpuQuota > 0) cpus = h.CpuQuota / (h.CpuPeriod && h.CpuPeriod > 0 ? h.CpuPeriod : 100_000);
  return { cpus, memory: h.Memory && h.Memory > 0 ? h.Memory : null, memorySwap: h.MemorySwap ? h.MemorySwap : null };
}

/**
 * The memory+swap limit to send with a new memory limit (the engine refuses a memory limit above the
 * current memory+swap): keep unlimited swap unlimited, keep the same amount of swap on top, or use
 * the engine's default of twice the memory when there was no limit.
 */
export function swapFor(memory: number, current: { memory: number | null; memorySwap: number | null }): number {
  if (current.memorySwap === -1) return -1;
  if (current.memory && current.memorySwap && current.memorySwap > 0) return memory + Math.max(0, current.memorySwap - current.memory);
  return memory * 2;
}

export async function readResources(engine: EngineAdapter, id: string, host: string): Promise<ContainerResources> {
  try {
    const [raw, info] = await Promise.all([engine.json<RawInspect>({ path: `${containerPath(id)}/json` }), engineInfo<{ NCPU?: number; MemTotal?: number }>(engine)]);
    const running = raw.State?.Running === true;
    const out: ContainerResources = {
      id: raw.Id,
      name: (raw.Name ?? '').replace(/^\//, ''),
      running,
      ...limitsOf(raw),
      engineCpus: info.NCPU ?? 0,
      engineMemory: info.MemTotal ?? 0,
    };
    if (running && raw.State?.Paused !== true) {
      const stats = await engine.json<{ memory_stats?: RawMemoryStats }>({ path: `${containerPath(raw.Id)}/stats`, query: { stream: false, 'one-shot': true } });
      const usage = memoryInUse(stats.memory_stats);
      if (usage !== undefined) out.memoryUsage = usage;
    }
    return out;
  } catch (err) {
    throw toBerthError(err, host);
  }
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** `docker update` of CPU and memory limits, checked first against the engine's CPUs and the memory in use. */
export async function updateResources(engine: EngineAdapter, args: { id: string; cpus?: number; memory?: number }, host: string): Promise<ContainerResources> {
  const before = await readResources(engine, args.id, host);
  const issues: { field: string; message: string }[] = [];
  if (args.cpus !== undefined && before.engineCpus > 0 && args.cpus > before.engineCpus * 1e9) {
    issues.push({ field: 'cpus', message: `CPU limit ${args.cpus / 1e9} is more than the engine’s ${before.engineCpus} CPUs` });
  }
  if (args.memory !== undefined && before.memoryUsage !== undefined && args.memory < before.memoryUsage) {
    issues.push({
      field: 'memory',
      message: `Memory limit ${formatMemory(args.memory)} is below what ${before.name} uses now (${mib(before.memoryUsage)}): choose a larger limit`,
    });
  }
  if (issues.length) throw new BerthError('VALIDATION', issues.map((i) => i.message).join('; '), { issues });

  const body: Record<string, number> = {};
  if (args.cpus !== undefined) body.NanoCpus = args.cpus;
  if (args.memory !== undefined) {
    body.Memory = args.memory;
    body.MemorySwap = swapFor(args.memory, before);
  }
  try {
    await engine.json<unknown>({ method: 'POST', path: `${containerPath(before.id)}/update`, body });
  } catch (err) {
    throw toBerthError(err, host);
  }
  return readResources(engine, before.id, host);
}
