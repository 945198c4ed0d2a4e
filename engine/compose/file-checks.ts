import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ComposeIssue, ComposeService } from '../../contract/models/compose.js';
import type { IssueAt } from './project-resources.js';

/** What a path is on the back-end host: a file, a folder, or nothing (missing or unreadable). */
export type PathKind = 'file' | 'dir' | undefined;
export type KindOf = (p: string) => Promise<PathKind>;

export const kindOf: KindOf = (p) => stat(p).then((s) => (s.isDirectory() ? 'dir' : 'file'), () => undefined);
const safeKind = (kind: KindOf, p: string): Promise<PathKind> => kind(p).catch(() => undefined);

/** The names `docker compose` looks for in a folder, in its order, and the override it merges on top. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'] as const;
const OVERRIDE_NAMES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yml', 'docker-compose.override.yaml'] as const;

/**
 * A folder given as a compose file is read as `docker compose` run in it reads it: its first
 * compose.yaml, compose.yml, docker-compose.yml or docker-compose.yaml, plus its first
 * compose.override.* / docker-compose.override.*. Files and missing paths are kept as they are (the
 * loader reports those).
 */
export async function expandFolders(files: readonly string[], kind: KindOf): Promise<{ files: string[]; errors: ComposeIssue[]; warnings: ComposeIssue[] }> {
  const out: string[] = [];
  const errors: ComposeIssue[] = [];
  const warnings: ComposeIssue[] = [];
  for (const f of files) {
    if ((await safeKind(kind, f)) !== 'dir') {
      out.push(f);
      continue;
    }
    const found: string[] = [];
    for (const n of COMPOSE_FILE_NAMES) if ((await safeKind(kind, path.join(f, n))) === 'file') found.push(path.join(f, n));
    if (!found.length) {
      errors.push({ file: f, line: 1, column: 1, message: `${f} is a folder without a compose file: looked for ${COMPOSE_FILE_NAMES.join(', ')}`, missing: true });
      continue;
    }
    if (found.length > 1) warnings.push({ file: found[0]!, line: 1, column: 1, message: `${f} has several compose files (${found.map((x) => path.basename(x)).join(', ')}): using ${path.basename(found[0]!)}` });
    out.push(found[0]!);
    for (const n of OVERRIDE_NAMES) {
      if ((await safeKind(kind, path.join(f, n))) === 'file') {
        out.push(path.join(f, n));
        break;
      }
    }
  }
  return { files: out, errors, warnings };
}

/**
 * Each enabled service's build context must be a folder and its Dockerfile a file, or the build
 * would fail halfway through `up`, after other services were created.
 */
export async function checkBuilds(services: readonly ComposeService[], raw: (name: string) => unknown, kind: KindOf, issue: IssueAt): Promise<ComposeIssue[]> {
  const out: ComposeIssue[] = [];
  for (const s of services) {
    if (!s.build) continue;
    const def = raw(s.name);
    const mapping = typeof def === 'object' && def !== null;
    const at = (key: 'context' | 'dockerfile') => ['services', s.name, 'build', ...(mapping && key in def ? [key] : [])];
    const ctx = await safeKind(kind, s.build.context);
    if (ctx !== 'dir') {
      out.push(issue(at('context'), `Service "${s.name}": the build context ${s.build.context} ${ctx === 'file' ? 'is not a folder' : 'does not exist'}`));
      continue;
    }
    const dockerfile = path.resolve(s.build.context, s.build.dockerfile ?? 'Dockerfile');
    const file = await safeKind(kind, dockerfile);
    if (file !== 'file') out.push(issue(at('dockerfile'), `Service "${s.name}": the Dockerfile ${dockerfile} ${file === 'dir' ? 'is not a file' : 'does not exist'}`));
  }
  return out;
}
