/**
 * The profiles last applied to each project (by its name), kept in this window's local storage, so a
 * project opened again (or after a reload, or after looking at another one) loads, ups and pulls with
 * the profiles chosen before, as `COMPOSE_PROFILES` would keep them in a shell.
 */
const PROFILES_KEY = 'berth.compose.profiles';
/** Projects remembered at most: the oldest choice goes first. */
export const MAX_REMEMBERED = 100;

type Store = Record<string, string[]>;

function read(storage: Pick<Storage, 'getItem'> | undefined): Store {
  try {
    const raw = JSON.parse(storage?.getItem(PROFILES_KEY) ?? '{}') as unknown;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].every((p) => typeof p === 'string')));
  } catch {
    return {};
  }
}

/** The profiles chosen for `project` ([] when none were, or storage cannot be read). */
export function loadProfiles(project: string, storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string[] {
  return read(storage)[project] ?? [];
}

/** Remember `profiles` for `project`; an empty list forgets it (the default applies again). */
export function saveProfiles(project: string, profiles: readonly string[], storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage): void {
  const { [project]: _old, ...rest } = read(storage);
  const entries = Object.entries(rest);
  if (profiles.length) entries.push([project, [...profiles]]);
  try {
    storage?.setItem(PROFILES_KEY, JSON.stringify(Object.fromEntries(entries.slice(-MAX_REMEMBERED))));
  } catch {
    // Storage full or refused: the choice holds for this visit only.
  }
}
