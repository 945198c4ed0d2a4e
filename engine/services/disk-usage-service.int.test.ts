import { describe, expect, it } from 'vitest';
import type { DiskUsageKind } from '../../contract/models/disk-usage.js';
import { ctx, docker, removeContainers, TEST_IMAGE, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';

const prefix = uniquePrefix('du');
// The clean-up is limited to this label: other suites' stopped containers and volumes on the same engine stay.
const label = `dev.berth.test=${prefix}`;

/** `docker system df` in bytes per kind ("1.984MB" → 1984000; the CLI rounds to 3–4 significant digits). */
async function cliDf(): Promise<Map<string, { size: number; reclaimable: number; count: number }>> {
  const unit: Record<string, number> = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };
  const bytes = (s: string) => {
    const m = /^([\d.]+)\s*([kMGT]?B)/.exec(s);
    return m ? Number(m[1]) * unit[m[2]!]! : NaN;
  };
  const lines = (await docker('system', 'df', '--format', '{{json .}}')).split('\n').map((l) => JSON.parse(l) as { Type: string; TotalCount: string; Size: string; Reclaimable: string });
  const kinds: Record<string, string> = { Images: 'images', Containers: 'containers', 'Local Volumes': 'volumes', 'Build Cache': 'buildCache' };
  return new Map(lines.map((l) => [kinds[l.Type]!, { size: bytes(l.Size), reclaimable: bytes(l.Reclaimable), count: Number(l.TotalCount) }]));
}

const bed = useTestBackend(prefix, {
  removeContainers: true,
  cleanup: () => docker('volume', 'rm', '-f', `${prefix}vol`).catch(() => undefined),
});

describe('disk usage service against the real dockerd', () => {
  it('figures match `docker system df` within its rounding', async () => {
    await docker('volume', 'create', '--label', label, `${prefix}vol`);
    await docker('run', '--name', `${prefix}writer`, '--label', label, '-v', `${prefix}vol:/v`, TEST_IMAGE, 'sh', '-c', 'dd if=/dev/zero of=/big bs=1k count=300 2>/dev/null; dd if=/dev/zero of=/v/f bs=1k count=120 2>/dev/null');
    // Other suites may change the engine between the two reads: compare up to three times.
    let mismatch: string[] = [];
    for (let round = 0; round < 3; round++) {
      const [ours, cli] = await Promise.all([bed.backend.impl.system.diskUsage({}, ctx()), cliDf()]);
      // The CLI prints 3–4 significant digits: within 0.5 % (or 1 kB).
      const near = (a: number, b: number) => Math.abs(a - b) <= Math.max(1000, b * 0.005);
      mismatch = ours.kinds.flatMap((k) => {
        const c = cli.get(k.kind)!;
        return k.count === c.count && near(k.size, c.size) && near(k.reclaimable, c.reclaimable) ? [] : [`${k.kind}: ours ${JSON.stringify(k)}, CLI ${JSON.stringify(c)}`];
      });
      if (!mismatch.length) break;
    }
    expect(mismatch).toEqual([]);
  });

  it('previews, then cleans up stopped containers and the volume only they used, and reports the space freed', async () => {
    const kinds: DiskUsageKind[] = ['volumes', 'containers'];
    const preview = await bed.backend.impl.system.cleanupPreview({ kinds, label }, ctx());
    expect(preview.kinds.map((k) => k.kind)).toEqual(['containers', 'volumes']);
    const writer = preview.kinds[0]!.items.find((i) => i.name === `${prefix}writer`);
    expect(writer?.size, JSON.stringify(preview.kinds[0])).toBeGreaterThanOrEqual(300 * 1024);
    expect(preview.kinds[1]!.items.find((i) => i.name === `${prefix}vol`)?.size).toBe(120 * 1024);
    // Only what carries the label.
    expect(preview.kinds.flatMap((k) => k.items).every((i) => i.name.startsWith(prefix))).toBe(true);
    // The preview removed nothing.
    expect(await docker('ps', '-aq', '--filter', `name=^/${prefix}writer$`)).not.toBe('');

    // A running container and its volume stay.
    await docker('volume', 'create', '--label', label, `${prefix}kept`);
    await docker('run', '-d', '--name', `${prefix}keep`, '--label', label, '-v', `${prefix}kept:/k`, TEST_IMAGE, 'sleep', '300');
    const result = await bed.backend.impl.system.cleanup({ kinds, label }, ctx());
    expect(result.kinds.map((k) => [k.kind, k.error])).toEqual([
      ['containers', undefined],
      ['volumes', undefined],
    ]);
    expect(result.kinds[0]!.removed).toBeGreaterThanOrEqual(1);
    expect(result.reclaimed).toBeGreaterThanOrEqual(420 * 1024);
    expect(await docker('ps', '-aq', '--filter', `name=^/${prefix}writer$`)).toBe('');
    expect(await docker('volume', 'ls', '-q', '--filter', `name=${prefix}vol`)).toBe('');
    expect(await docker('volume', 'ls', '-q', '--filter', `name=${prefix}kept`)).toBe(`${prefix}kept`);
    expect(result.after.kinds.find((k) => k.kind === 'containers')!.count).toBeGreaterThanOrEqual(1);
    await removeContainers(prefix);
    await docker('volume', 'rm', `${prefix}kept`);
  });
});
