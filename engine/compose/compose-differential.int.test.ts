import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commonFields, fromBerth, fromV1 } from './config-compare.js';
import { loadProject } from './load-project.js';

const run = promisify(execFile);
const GOOD = path.join(import.meta.dirname, 'testdata', 'good');
/** Files docker-compose 1.29 rejects although the compose spec (and v2) accept them. */
const V1_REJECTS = new Set(['03-ports-long', '05-env-interpolation', '23-top-level-name']);

function filesOf(dir: string): string[] {
  const files = [path.join(GOOD, dir, 'compose.yaml')];
  if (existsSync(path.join(GOOD, dir, 'override.yaml'))) files.push(path.join(GOOD, dir, 'override.yaml'));
  return files;
}

async function v1Config(files: string[]): Promise<{ ok: true; config: Record<string, unknown> } | { ok: false; error: string }> {
  try {
    const { stdout } = await run('docker-compose', [...files.flatMap((f) => ['-f', f]), 'config'], { cwd: path.dirname(files[0]!), env: { PATH: process.env.PATH ?? '' }, timeout: 30_000 });
    return { ok: true, config: parse(stdout) as Record<string, unknown> };
  } catch (err) {
    return { ok: false, error: String((err as { stderr?: string }).stderr ?? err) };
  }
}

describe('the corpus against docker-compose 1.29 config', () => {
  const dirs = readdirSync(GOOD).sort();

  it('has at least 20 files that v1 accepts', () => {
    expect(dirs.filter((d) => !V1_REJECTS.has(d)).length).toBeGreaterThanOrEqual(20);
  });

  it.each(dirs)('%s: Berth loads it, and its model equals v1’s where both define a field', async (dir) => {
    const files = filesOf(dir);
    // v1's config lists every service whatever its profiles: activate them all on Berth's side.
    const berth = await loadProject({ files, env: {}, profiles: allProfiles(files) });
    if (!berth.ok) throw new Error(`Berth rejected ${dir}: ${JSON.stringify(berth.errors)}`);
    const v1 = await v1Config(files);
    if (V1_REJECTS.has(dir)) {
      expect(v1.ok, `v1 now accepts ${dir}; compare it`).toBe(false);
      return;
    }
    if (!v1.ok) throw new Error(`docker-compose rejected ${dir}: ${v1.error}`);
    const ours = fromBerth(berth.project);
    const theirs = fromV1(v1.config, path.join(GOOD, dir));
    expect(sortedKeys(theirs.services)).toEqual([...berth.project.services.map((s) => s.name), ...berth.project.disabledServices].sort());
    const [a, b] = commonFields(ours, theirs);
    expect(a).toEqual(b);
    // Something was compared: at least the image or build of every service.
    for (const s of Object.values(a.services)) expect(Object.keys(s).length).toBeGreaterThan(0);
  });

  it('resolves a relative bind mount (./src:/app) against the project folder, as v1 does', async () => {
    const files = filesOf('04-volumes');
    const berth = await loadProject({ files, env: {} });
    if (!berth.ok) throw new Error('not loaded');
    const bind = berth.project.services[0]!.volumes.find((v) => v.type === 'bind' && v.target === '/app');
    expect(bind).toMatchObject({ source: path.join(GOOD, '04-volumes', 'src'), readOnly: true });
    const v1 = await v1Config(files);
    if (!v1.ok) throw new Error(v1.error);
    const vols = ((v1.config.services as Record<string, { volumes: string[] }>).app!.volumes).map(String);
    expect(vols).toContain(`${path.join(GOOD, '04-volumes', 'src')}:/app:ro`);
  });
});

function allProfiles(files: string[]): string[] {
  const out = new Set<string>();
  for (const f of files) {
    const doc = parse(readFileSync(f, 'utf8')) as { services?: Record<string, { profiles?: string[] } | null> };
    for (const s of Object.values(doc.services ?? {})) for (const p of s?.profiles ?? []) out.add(p);
  }
  return [...out];
}

function sortedKeys(o: object): string[] {
  return Object.keys(o).sort();
}
