import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { ComposeIssue, ComposeProject, ComposeService } from '../../contract/models/compose.js';
import { checkKeys } from './check-keys.js';
import { parseEnvFile } from './env-file.js';
import { checkBuilds, expandFolders, kindOf, type KindOf } from './file-checks.js';
import { interpolate, InterpolationError, type Vars } from './interpolate.js';
import { mergeFiles, mergeService } from './merge.js';
import { normalizeService } from './normalize-service.js';
import { checkProject } from './project-checks.js';
import { projectNameIssue, projectResources, resolveProjectName } from './project-resources.js';
import { rawProject, rawService, type RawService } from './raw-schema.js';
import { issueAt, locate, parseYaml, type YamlSource } from './yaml-source.js';

export interface LoadOptions {
  /**
   * Absolute paths, merged in order (`-f a -f b`). The project folder is the first one's folder. A
   * folder stands for the compose file (and override) `docker compose` would find in it.
   */
  files: string[];
  /** `-p`: wins over COMPOSE_PROJECT_NAME, the top-level `name:` and the folder name. */
  projectName?: string;
  /** Active profiles (`--profile`); default COMPOSE_PROFILES. */
  profiles?: string[];
  /** The environment (default process.env); wins over `.env`. */
  env?: Vars;
  read?: (file: string) => Promise<string>;
  /** Whether a path is a file or a folder (default: the disk's answer), for folders given as files and build contexts. */
  kind?: KindOf;
}

export type LoadResult = { ok: true; project: ComposeProject } | { ok: false; errors: ComposeIssue[]; warnings: ComposeIssue[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Load, interpolate, merge, extend, check and normalize a compose project. Nothing touches the engine. */
export async function loadProject(options: LoadOptions): Promise<LoadResult> {
  const r = await loadUnsorted(options);
  return r.ok ? r : { ...r, errors: inFileOrder(r.errors) };
}

/**
 * Issues as a reader meets them: by file (in the order the files first appear), then line and
 * column; the checks find them phase by phase, which listed line 22 before line 12.
 */
export function inFileOrder(issues: ComposeIssue[]): ComposeIssue[] {
  const rank = new Map<string, number>();
  for (const i of issues) if (!rank.has(i.file)) rank.set(i.file, rank.size);
  return [...issues].sort((a, b) => rank.get(a.file)! - rank.get(b.file)! || a.line - b.line || a.column - b.column);
}

async function loadUnsorted(options: LoadOptions): Promise<LoadResult> {
  const read = options.read ?? ((f: string) => readFile(f, 'utf8'));
  const errors: ComposeIssue[] = [];
  const warnings: ComposeIssue[] = [];
  if (!options.files.length) return { ok: false, errors: [{ file: '', line: 1, column: 1, message: 'No compose file was given' }], warnings };
  const kind = options.kind ?? kindOf;
  const expanded = await expandFolders(options.files.map((f) => path.resolve(f)), kind);
  warnings.push(...expanded.warnings);
  if (expanded.errors.length) return { ok: false, errors: expanded.errors, warnings };
  const files = expanded.files;
  const workingDir = path.dirname(files[0]!);

  const env = options.env ?? process.env;
  const dotenvPath = path.join(workingDir, '.env');
  let dotenv: Record<string, string> = {};
  const dotenvText = await read(dotenvPath).catch(() => undefined);
  if (dotenvText !== undefined) {
    const parsed = parseEnvFile(dotenvText, env);
    dotenv = parsed.values;
    errors.push(...parsed.issues.map((i) => ({ file: dotenvPath, ...i })));
  }
  const vars: Vars = { ...dotenv, ...env };
  /** Compose warns once per unset variable used without a default; the warning points at its first use. */
  const unset = new Set<string>();

  const sources: YamlSource[] = [];
  const loadFile = async (file: string, at?: ComposeIssue): Promise<YamlSource | undefined> => {
    let text: string;
    try {
      text = await read(file);
    } catch (err) {
      const why = (err as { code?: string }).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(err as Error).message})`;
      const missing = (err as { code?: string }).code === 'ENOENT' ? { missing: true as const } : {};
      errors.push(at ? { ...at, message: `${at.message}: ${file} ${why}` } : { file, line: 1, column: 1, message: `The compose file ${file} ${why}`, ...missing });
      return undefined;
    }
    const parsed = parseYaml(file, text);
    errors.push(...parsed.issues);
    if (!parsed.source) return undefined;
    const keys = checkKeys(parsed.source);
    errors.push(...keys.errors);
    warnings.push(...keys.warnings);
    const src = parsed.source;
    // Not a mapping (empty, a list, a plain string): checkKeys said so in words; the schema would only add a raw "expected object".
    if (!isObj(src.data)) return undefined;
    src.data = interpolateTree(src.data, [], vars, (p, m) => errors.push(issueAt(src, p, m)), (p, name) => {
      if (unset.has(name)) return;
      unset.add(name);
      warnings.push(issueAt(src, p, `The ${name} variable is not set. Defaulting to a blank string.`));
    });
    validate(src, errors);
    return src;
  };

  for (const f of files) {
    const src = await loadFile(f);
    if (src) sources.push(src);
  }
  if (errors.length) return { ok: false, errors, warnings };

  /** A problem found after merging: placed where the last file that defines the path puts it. */
  const issue = (p: (string | number)[], message: string): ComposeIssue => {
    for (let i = sources.length - 1; i >= 0; i--) {
      // A whole service is pointed at by its name, not by its first key.
      const pos = (p.length === 2 ? sources[i]!.positions.get(`${p.join('.')}#key`) : undefined) ?? sources[i]!.positions.get(p.join('.'));
      if (pos) return { file: sources[i]!.file, line: pos.line, column: pos.column, message, path: p.join('.') };
    }
    const src = sources.find((s) => isObj(s.data) && isObj((s.data as Obj).services) && p[1] !== undefined && String(p[1]) in ((s.data as Obj).services as Obj)) ?? sources[0]!;
    const pos = locate(src, p);
    return { file: src.file, line: pos.line, column: pos.column, message, path: p.join('.') };
  };

  const merged = mergeFiles(sources.map((s) => s.data as Obj));
  if (!isObj(merged.services) || !Object.keys(merged.services).length) {
    errors.push(issue(['services'], 'The project has no services: add a "services" mapping with at least one service'));
    return { ok: false, errors, warnings };
  }
  const nameFromFile = typeof merged.name === 'string' ? merged.name : undefined;
  const name = resolveProjectName({ flag: options.projectName, env: vars.COMPOSE_PROJECT_NAME, file: nameFromFile, folder: path.basename(workingDir) });
  const nameProblem = projectNameIssue(name);
  if (nameProblem) errors.push(options.projectName || vars.COMPOSE_PROJECT_NAME ? { file: files[0]!, line: 1, column: 1, message: nameProblem } : issue(['name'], nameProblem));

  const services = merged.services;
  const resolved = new Map<string, RawService>();
  for (const svcName of Object.keys(services)) {
    try {
      const r = await resolveExtends(svcName, services, files[0]!, loadFile, issue, sources, new Set());
      if (r) resolved.set(svcName, r);
    } catch (err) {
      if (!(err && typeof err === 'object' && 'line' in err)) throw err;
      errors.push(err as ComposeIssue);
    }
  }
  if (errors.length) return { ok: false, errors, warnings };

  const profiles = options.profiles ?? (vars.COMPOSE_PROFILES ? vars.COMPOSE_PROFILES.split(',').map((p) => p.trim()).filter(Boolean) : []);
  const all: ComposeService[] = [];
  for (const [svcName, raw] of resolved) {
    const envFileValues: Record<string, string> = {};
    const envFiles = raw.env_file === undefined ? [] : Array.isArray(raw.env_file) ? raw.env_file : [raw.env_file];
    for (const [i, ef] of envFiles.entries()) {
      const p = typeof ef === 'string' ? ef : ef.path;
      const required = typeof ef === 'string' ? true : ef.required !== false;
      const full = path.resolve(workingDir, p);
      const text = await read(full).catch(() => undefined);
      if (text === undefined) {
        if (required) errors.push(issue(['services', svcName, 'env_file', ...(Array.isArray(raw.env_file) ? [i] : [])], `Service "${svcName}": env_file ${full} does not exist`));
        continue;
      }
      const parsed = parseEnvFile(text, {});
      errors.push(...parsed.issues.map((x) => ({ file: full, ...x })));
      Object.assign(envFileValues, parsed.values);
    }
    all.push(normalizeService(svcName, raw, { project: name, workingDir, vars, envFileValues, fail: (p, m) => errors.push(issue(['services', svcName, ...p], `Service "${svcName}": ${m}`)) }));
  }
  const enabled = all.filter((s) => !s.profiles.length || s.profiles.some((p) => profiles.includes(p)));
  // `required: false`: a dependency its profiles leave out is skipped with a warning, as compose v2 does, not an error.
  const on = new Set(enabled.map((s) => s.name));
  for (const s of enabled) {
    const deps = resolved.get(s.name)?.depends_on;
    for (const dep of Object.keys(s.dependsOn)) {
      if (on.has(dep) || !all.some((x) => x.name === dep) || Array.isArray(deps) || deps?.[dep]?.required !== false) continue;
      delete s.dependsOn[dep];
      warnings.push(issue(['services', s.name, 'depends_on', dep], `Service "${s.name}": its optional dependency "${dep}" is left out (its profiles are not active); "${s.name}" starts without it`));
    }
  }
  const { networks, volumes } = projectResources(name, merged, (p, m) => errors.push(issue(p, m)));
  errors.push(...checkProject(enabled, all, networks, volumes, issue));
  if (!errors.length) errors.push(...(await checkBuilds(enabled, (n) => resolved.get(n)?.build, kind, issue)));
  if (errors.length) return { ok: false, errors, warnings };
  return {
    ok: true,
    project: {
      name,
      workingDir,
      configFiles: files,
      services: enabled,
      disabledServices: all.filter((s) => !enabled.includes(s)).map((s) => s.name),
      networks,
      volumes,
      warnings,
    },
  };

  function validate(src: YamlSource, out: ComposeIssue[]): void {
    const push = (base: (string | number)[], e: z.ZodError) => {
      for (const i of e.issues) {
        const at = [...base, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
        const where = at.length ? `${at.join('.')}: ` : '';
        out.push(issueAt(src, at, `${where}${i.message.replace(/^Invalid input$/, 'has the wrong type')}`));
      }
    };
    const top = rawProject.safeParse(src.data);
    if (!top.success) push([], top.error);
    const svcs = isObj(src.data) ? (src.data as Obj).services : undefined;
    if (!isObj(svcs)) return;
    for (const [n, def] of Object.entries(svcs)) {
      if (!isObj(def)) {
        out.push(issueAt(src, ['services', n], `Service "${n}" must be a mapping of keys such as image, ports and volumes`));
        continue;
      }
      const r = rawService.safeParse(def);
      if (!r.success) push(['services', n], r.error);
    }
  }
}

/** `extends` resolved: the base service (same file, or `file:` relative to the extending file) merged under it. */
async function resolveExtends(
  name: string,
  services: Obj,
  file: string,
  loadFile: (f: string, at?: ComposeIssue) => Promise<YamlSource | undefined>,
  issue: (p: (string | number)[], m: string) => ComposeIssue,
  sources: YamlSource[],
  seen: Set<string>,
): Promise<RawService | undefined> {
  const svc = services[name] as Obj;
  const ext = svc.extends as string | { service: string; file?: string } | undefined;
  if (ext === undefined) return svc as RawService;
  const key = `${file}#${name}`;
  const fail = (m: string) => {
    // Errors of a service in another file carry that file's position.
    const at = sources.find((s) => s.file === file);
    throw at ? issueAt(at, ['services', name, 'extends'], m) : issue(['services', name, 'extends'], m);
  };
  if (seen.has(key)) fail(`Service "${name}": extends forms a cycle (${[...seen].map((s) => s.split('#')[1]).join(' → ')} → ${name})`);
  seen.add(key);
  const target = typeof ext === 'string' ? { service: ext } : ext;
  let baseServices = services;
  let baseFile = file;
  if (target.file) {
    baseFile = path.resolve(path.dirname(file), target.file);
    const src = sources.find((s) => s.file === baseFile) ?? (await loadFile(baseFile, issue(['services', name, 'extends'], `Service "${name}": extends file`)));
    if (!src) return undefined;
    if (!sources.includes(src)) sources.push(src);
    baseServices = isObj((src.data as Obj | null)?.services) ? ((src.data as Obj).services as Obj) : {};
  }
  if (!isObj(baseServices[target.service])) fail(`Service "${name}" extends "${target.service}", which is not a service${target.file ? ` in ${baseFile}` : ''}`);
  const base = await resolveExtends(target.service, baseServices, baseFile, loadFile, issue, sources, seen);
  if (!base) return undefined;
  const rest = { ...svc };
  delete rest.extends;
  const baseCopy = { ...(base as Obj) };
  delete baseCopy.depends_on;
  return mergeService(baseCopy, rest) as RawService;
}

type At = (string | number)[];

/** Interpolate every string value (keys are left as written), reporting each failure, and each unset variable, at its path. */
function interpolateTree(v: unknown, at: At, vars: Vars, fail: (p: At, m: string) => void, missing: (p: At, name: string) => void): unknown {
  if (typeof v === 'string') {
    try {
      return interpolate(v, vars, (name) => missing(at, name));
    } catch (err) {
      if (err instanceof InterpolationError) fail(at, `${at.join('.')}: ${err.message}`);
      else throw err;
      return v;
    }
  }
  if (Array.isArray(v)) return v.map((x, i) => interpolateTree(x, [...at, i], vars, fail, missing));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k.startsWith('x-') && at.length === 0 ? x : interpolateTree(x, [...at, k], vars, fail, missing)]));
  return v;
}
