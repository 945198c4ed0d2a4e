import type { EngineChoice, EngineFrom } from '../../../../contract/domains/settings.js';
import type { EngineProviderKind, EngineStatus } from '../../../../contract/model.js';

export interface EngineInEffect {
  /** What runs the engine now: the provider the engine status names, else the choice this run started with. */
  now: EngineProviderKind | EngineChoice;
  /** What to tell about the saved choice, in a sentence (none when it is what runs). */
  note?: string;
}

/**
 * The Settings page's "In effect now" line. The engine status says which provider really runs (with
 * `--docker-host` the choice in effect is "auto" but the engine is native). A `--docker-host` on the
 * command line (endpoint source "setting") decides the engine whatever this setting says, so it is
 * named instead of "restart Berth to switch". A choice in effect that differs from the saved one comes
 * from `--engine` on the command line (which wins), from a saved choice that cannot apply on this
 * computer, or from a change not yet applied: the back end says which, and only that is said. A change
 * to the very provider "auto" chose is not sent to restart for nothing.
 */
export function engineInEffect(saved: EngineChoice, choiceInEffect: EngineChoice, from: EngineFrom, status: EngineStatus | undefined): EngineInEffect {
  const now = status?.provider ?? choiceInEffect;
  if (status?.endpoint?.source === 'setting') {
    return { now, note: '--docker-host on the command line decides the engine; this setting applies when Berth starts without it.' };
  }
  if (saved === choiceInEffect) return { now };
  if (from.kind === 'flag') return { now, note: `Berth was started with --engine ${choiceInEffect}, which decides the engine; this setting applies when Berth starts without it.` };
  if (from.kind === 'unusable') return { now, note: `“${saved}” cannot be used on this computer (${from.reason}), so Berth uses auto.` };
  // "auto" already picked what was just saved: a restart would switch nothing that shows.
  if (status?.provider === saved) return { now, note: `“${saved}” runs now already (“${choiceInEffect}” chose it when Berth started): no restart needed; from the next start Berth uses it by name.` };
  return { now, note: `Restart Berth to switch to “${saved}”.` };
}
