import type { ComposeIssue, ComposeNetwork, ComposeVolume } from '../../contract/models/compose.js';
import { asNameMap } from './merge.js';

/** Compose v2's rule for project names: lower-case letters, digits, "_" and "-", starting with a letter or digit. */
const VALID_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** A folder name made a project name as compose v2 does: lower-cased, other characters dropped, leading "_"/"-" trimmed. */
export function normalizeProjectName(folder: string): string {
  return folder.toLowerCase().replace(/[^-_a-z0-9]+/g, '').replace(/^[-_]+/, '');
}

/** `-p`, else COMPOSE_PROJECT_NAME, else the top-level `name:`, else the project folder's name (normalized). */
export function resolveProjectName(from: { flag?: string; env?: string; file?: string; folder: string }): string {
  return from.flag?.trim() || from.env?.trim() || from.file?.trim() || normalizeProjectName(from.folder);
}

export function projectNameIssue(name: string): string | undefined {
  if (!name) return 'The project has no name: the folder name has no letters or digits; give one with a top-level "name:" or -p';
  if (!VALID_NAME.test(name)) return `The project name "${name}" is invalid: use lower-case letters, digits, "_" and "-", starting with a letter or digit`;
  return undefined;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Top-level networks and volumes with their engine names ("<project>_<key>" unless named or external). */
export function projectResources(
  project: string,
  merged: Obj,
  fail: (path: (string | number)[], message: string) => void,
): { networks: Record<string, ComposeNetwork>; volumes: Record<string, ComposeVolume> } {
  const read = (section: 'networks' | 'volumes') => {
    const out: Record<string, ComposeNetwork | ComposeVolume> = {};
    const defs = isObj(merged[section]) ? merged[section] : {};
    for (const [key, raw] of Object.entries(defs)) {
      const def = isObj(raw) ? raw : {};
      const ext = def.external;
      const external = ext === true || isObj(ext);
      const extName = isObj(ext) && typeof ext.name === 'string' ? ext.name : undefined;
      const name = (typeof def.name === 'string' ? def.name : undefined) ?? extName ?? (external ? key : `${project}_${key}`);
      if (external && (def.driver !== undefined || def.labels !== undefined)) {
        fail([section, key, 'external'], `${section}.${key}: an external ${section === 'networks' ? 'network' : 'volume'} is made outside the project, so it cannot also set driver or labels`);
      }
      const item: ComposeNetwork = { name, external, labels: Object.fromEntries(Object.entries(asNameMap(def.labels)).map(([k, v]) => [k, v === null ? '' : String(v as string)])) };
      if (typeof def.driver === 'string') item.driver = def.driver;
      out[key] = item;
    }
    return out;
  };
  const networks = read('networks');
  if (!networks.default) networks.default = { name: `${project}_default`, external: false, labels: {} };
  return { networks, volumes: read('volumes') };
}

export type IssueAt = (path: (string | number)[], message: string) => ComposeIssue;
