import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import type { EngineStatus } from '../../contract/model.js';
import { engineInfo, engineVersion, inspectContainer, listContainers } from '../adapter/calls.js';
import type { ConnectionProvider } from '../client/engine-connection.js';
import { readDockerConfig } from '../registry/docker-config.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { ErrorRing } from './error-ring.js';
import { berthLogPath } from './log-file.js';
import { dockerConfigSecrets, redactEnv, Redactor } from './redact.js';

export interface BundleDeps {
  dataDir: string;
  settings: SettingsStore;
  errors: ErrorRing;
  status(): EngineStatus;
  connections: ConnectionProvider;
  versions: { berthVersion: string; dockerodeVersion: string };
  /** Secrets the host knows of (browser mode's token). */
  secrets(): string[];
  /** The Docker CLI's config.json, whose credentials are redacted. */
  dockerConfigPath: string;
  now?: () => number;
}

/** A text file (a log tail: redacted as text) or a value written as JSON (redacted structurally). */
type BundleFile = string | { json: unknown };

/** Tails kept of each log: enough for a diagnosis, small enough to attach to an issue. */
const LOG_TAIL_BYTES = 512 * 1024;
const MAX_CONTAINERS = 100;

/**
 * The diagnostics bundle, a .tar.gz built in memory (a few hundred KB at most): Berth's version and
 * settings, the engine's version and info, Berth's log, the embedded dockerd's and the VM console's
 * log tails, the last errors shown, and the containers (environment names only). Every file passes
 * through one Redactor that knows the token, the registry credentials and the container env values that
 * look secret: JSON files are redacted value by value (so they stay valid JSON), logs as text (redact.ts).
 */
export async function buildDiagnosticsBundle(deps: BundleDeps, signal?: AbortSignal): Promise<{ fileName: string; bytes: Buffer }> {
  const now = new Date((deps.now ?? Date.now)());
  const redactor = new Redactor(deps.secrets());
  // JSON files keep their value until every secret is known, then are redacted structurally (valid JSON).
  const files: [string, BundleFile][] = [];
  const json = (name: string, value: unknown) => files.push([name, { json: value }]);

  try {
    for (const s of dockerConfigSecrets(await readDockerConfig(deps.dockerConfigPath))) redactor.add(s);
  } catch (err) {
    files.push(['docker-config-error.txt', `The Docker config could not be read, so its credentials could not be listed for redaction: ${(err as Error).message}\n`]);
  }

  json('berth.json', {
    createdAt: now.toISOString(),
    berth: deps.versions,
    platform: process.platform,
    arch: process.arch,
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    dataDir: deps.dataDir,
    settingsFile: deps.settings.file,
    settingsProblem: deps.settings.problem ?? null,
    settings: deps.settings.get(),
  });
  json('engine/status.json', deps.status());
  await engineFiles(deps, redactor, json, signal);
  json('errors.json', deps.errors.list());

  for (const p of [berthLogPath(deps.dataDir), `${berthLogPath(deps.dataDir)}.1`]) await addTail(files, `logs/${p.endsWith('.1') ? 'berth.log.1' : 'berth.log'}`, p);
  await addTail(files, 'logs/dockerd.log', join(deps.dataDir, 'engine', 'dockerd.log'));
  for (const vm of await subdirs(join(deps.dataDir, 'vm'))) await addTail(files, `logs/vm-${vm}-console.log`, join(deps.dataDir, 'vm', vm, 'console.log'));

  files.unshift(['README.txt', readme(files.map(([n]) => n))]);
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (c: unknown) => chunks.push(c as Buffer));
  const ended = new Promise<void>((resolve, reject) => {
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  const root = `berth-diagnostics-${stamp(now)}`;
  for (const [name, file] of files) {
    const text = typeof file === 'string' ? redactor.text(file) : `${JSON.stringify(redactor.json(file.json), null, 2)}\n`;
    tar.entry({ name: `${root}/${name}`, mode: 0o600, mtime: now }, text);
  }
  tar.finalize();
  await ended;
  return { fileName: `${root}.tar.gz`, bytes: gzipSync(Buffer.concat(chunks)) };
}

async function engineFiles(deps: BundleDeps, redactor: Redactor, json: (name: string, value: unknown) => void, signal?: AbortSignal): Promise<void> {
  let conn;
  try {
    conn = deps.connections.require();
  } catch (err) {
    json('engine/unavailable.json', { message: (err as Error).message });
    return;
  }
  const settle = async <T>(name: string, p: Promise<T>): Promise<T | undefined> => {
    try {
      return await p;
    } catch (err) {
      json(`engine/${name}-error.json`, { message: (err as Error).message });
      return undefined;
    }
  };
  json('engine/endpoint.json', conn.endpoint);
  const version = await settle('version', engineVersion(conn.engine, signal));
  if (version) json('engine/version.json', version);
  const info = await settle('info', engineInfo(conn.engine, signal));
  if (info) json('engine/info.json', info);
  const list = (await settle('containers', listContainers(conn.engine, { all: true }, signal))) ?? [];
  const containers = [];
  for (const c of list.slice(0, MAX_CONTAINERS)) {
    if (!c.Id) continue;
    const inspect = await inspectContainer(conn.engine, c.Id, signal).catch(() => undefined);
    const env = (inspect?.Config as { Env?: string[] } | undefined)?.Env;
    redactor.addEnv(env);
    containers.push({ id: c.Id.slice(0, 12), names: c.Names, image: c.Image, state: c.State, status: c.Status, env: redactEnv(env) });
  }
  json('engine/containers.json', { total: list.length, shown: containers.length, containers });
}

async function addTail(files: [string, BundleFile][], name: string, path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const start = Math.max(0, size - LOG_TAIL_BYTES);
      const buf = Buffer.alloc(size - start);
      await handle.read(buf, 0, buf.length, start);
      let text = buf.toString('utf8');
      // Start at a whole line when cut.
      if (start > 0) text = `[… ${start} earlier bytes left out]\n${text.slice(text.indexOf('\n') + 1)}`;
      files.push([name, text]);
    } finally {
      await handle.close();
    }
  } catch {
    // No such log (no embedded engine, no VM): nothing to add.
  }
}

async function subdirs(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
}

function readme(names: string[]): string {
  return [
    'Berth diagnostics bundle',
    '',
    'Redacted: registry credentials, the browser-mode access token, and the values of containers’',
    'environment variables (their names are kept). Values under a secret-looking name (password,',
    'token, secret, auth…) and anything that looks like a password, token or Authorization header are',
    'replaced with <redacted> as well. In logs, env values are replaced where they look secret (by',
    'their name, or long random-looking values), not ordinary words such as true or linux.',
    '',
    'Files:',
    ...names.map((n) => `  ${n}`),
    '',
  ].join('\n');
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
}

