import { projectNameSchema } from '../../../../contract/domains/compose.js';
import type { ComposeLoadResult } from '../../../../contract/models/compose.js';

/**
 * A project the user opened from its files (kept in this window's local storage). Its identity is
 * its files plus the project name asked for: the same files under another name are another project.
 */
export interface OpenedProject {
  files: string[];
  /** The name asked for (`-p`); without it, the files (or their folder) name the project. */
  projectName?: string;
  /** The name the files gave, once loaded (always projectName when one was asked for). */
  name?: string;
}

/** The name an opened project is listed under: the one asked for, else the one loaded, else its first file until it loads. */
export const openedName = (o: OpenedProject): string => o.projectName ?? o.name ?? o.files[0]!;

const sameFiles = (a: OpenedProject, b: OpenedProject) => a.files.length === b.files.length && a.files.every((f, i) => f === b.files[i]);
const sameEntry = (a: OpenedProject, b: OpenedProject) => sameFiles(a, b) && a.projectName === b.projectName;

/** Open files (under a name, or the one they give): replaces the same files opened under the same name, keeps the others. */
export function openProject(list: readonly OpenedProject[], files: string[], projectName?: string): { list: OpenedProject[]; entry: OpenedProject } {
  const probe: OpenedProject = { files, projectName };
  const before = list.find((o) => sameEntry(o, probe) || (projectName !== undefined && sameFiles(o, probe) && openedName(o) === projectName));
  const entry: OpenedProject = projectName === undefined ? { files, ...(before?.name ? { name: before.name } : {}) } : { files, projectName, name: projectName };
  return { list: [...list.filter((o) => o !== before), entry], entry };
}

/**
 * The entry's files loaded as `name`: that entry (and no other) takes the name. When the same files
 * are already listed under that name, the entry is a duplicate and goes. Returns the list unchanged
 * (the same array) when nothing changes.
 */
export function renameOpened(list: readonly OpenedProject[], entry: OpenedProject, name: string): readonly OpenedProject[] {
  const i = list.findIndex((o) => sameEntry(o, entry));
  const o = list[i];
  if (!o || o.projectName !== undefined || o.name === name) return list;
  if (list.some((x, j) => j !== i && sameFiles(x, o) && openedName(x) === name)) return list.filter((_, j) => j !== i);
  return list.map((x, j) => (j === i ? { ...x, name } : x));
}

/** Forget the opened projects listed under this name (their files are not touched). */
export function forgetOpened(list: readonly OpenedProject[], name: string): OpenedProject[] {
  return list.filter((o) => openedName(o) !== name);
}

/** Why a typed project name would be refused (the engine side's rule), or undefined when it is fine or empty. */
export function projectNameError(name: string): string | undefined {
  if (!name.trim()) return undefined;
  const r = projectNameSchema.safeParse(name);
  return r.success ? undefined : `The project name "${name.trim()}" ${r.error.issues[0]?.message ?? 'is invalid'}`;
}

const OPENED_KEY = 'berth.compose.opened';

/** The opened projects saved by this window; an entry with a name asked for is listed under that name (repairs lists an older version renamed). */
export function loadOpened(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): OpenedProject[] {
  try {
    const raw = JSON.parse(storage?.getItem(OPENED_KEY) ?? '[]') as unknown;
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((o): o is OpenedProject => Array.isArray((o as OpenedProject | null)?.files) && (o as OpenedProject).files.length > 0 && (o as OpenedProject).files.every((f) => typeof f === 'string'))
      .map((o) => (typeof o.projectName === 'string' ? { ...o, name: o.projectName } : { files: o.files, ...(typeof o.name === 'string' ? { name: o.name } : {}) }));
  } catch {
    return [];
  }
}

export function saveOpened(list: readonly OpenedProject[], storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  storage?.setItem(OPENED_KEY, JSON.stringify(list));
}

/**
 * Why files are not opened (nothing is added to the list): a path given is not there, or a folder given
 * holds no compose file. A file that is there but has errors is opened: its panel lists them by line.
 */
export function openRefusal(load: ComposeLoadResult): string | undefined {
  if (load.ok) return undefined;
  const missing = load.errors.filter((e) => e.missing);
  if (!missing.length) return undefined;
  return `Nothing was opened: ${missing.map((e) => e.message).join('; ')}`;
}
