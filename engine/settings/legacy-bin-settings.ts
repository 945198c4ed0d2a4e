import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingsPatch } from '../../contract/domains/settings.js';

/**
 * Retention and the volume limit from before Berth had one settings file (`<recycle-bin>/settings.json`),
 * carried over once, when settings.json does not exist yet. Values out of range are left out (the
 * defaults apply to them).
 */
export function readLegacyBinSettings(binDir: string): SettingsPatch | undefined {
  try {
    const raw = JSON.parse(readFileSync(join(binDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    const recycleBin: NonNullable<SettingsPatch['recycleBin']> = {};
    if (typeof raw.retentionMs === 'number') recycleBin.retentionMs = raw.retentionMs;
    if (typeof raw.volumeLimitBytes === 'number') recycleBin.volumeLimitBytes = raw.volumeLimitBytes;
    return { recycleBin };
  } catch {
    return undefined;
  }
}
