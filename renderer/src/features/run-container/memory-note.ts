import { parseMemory } from '../../../../contract/domains/container-run-parse.js';
import { formatBytes } from '../../lib/format/bytes.js';

/**
 * A memory limit above the engine's memory (the host's, or the VM's) is allowed, as `docker run -m`
 * and `docker update` allow it, but it limits nothing: the Run dialog and the Resources panel say so
 * while it is typed. `limit` is the field's text or bytes; nothing is said for an empty or invalid one.
 */
export function aboveEngineMemory(limit: string | number | undefined, engineMemory: number | undefined): string | undefined {
  if (limit === undefined || limit === '' || !engineMemory || engineMemory <= 0) return undefined;
  const parsed = parseMemory(limit);
  if (!parsed.ok || parsed.value <= engineMemory) return undefined;
  return `More than the engine’s ${formatBytes(engineMemory)} of memory: this limit never applies, as if there were none.`;
}
