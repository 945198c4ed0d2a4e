import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** One `auths` entry as the CLI writes it. */
export interface AuthEntry {
  auth?: string;
  identitytoken?: string;
  registrytoken?: string;
  username?: string;
  password?: string;
  [key: string]: unknown;
}

/** The fields of config.json Berth reads; every other field is kept as is on write. */
export interface DockerConfig {
  auths?: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [key: string]: unknown;
}

/** `$DOCKER_CONFIG` or `~/.docker`, as the CLI resolves it. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.DOCKER_CONFIG?.trim();
  if (dir) return resolve(dir);
  return join(env.HOME?.trim() || homedir(), '.docker');
}

export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dockerConfigDir(env), 'config.json');
}

/** Read config.json; a missing or empty file is an empty config. A broken file is a readable error. */
export async function readDockerConfig(path: string): Promise<DockerConfig> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`Cannot read the Docker config ${path}: ${(err as Error).message}`, { cause: err });
  }
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`The Docker config ${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`The Docker config ${path} is not a JSON object`);
  const cfg = parsed as DockerConfig;
  if (cfg.auths !== undefined && (typeof cfg.auths !== 'object' || cfg.auths === null || Array.isArray(cfg.auths))) {
    throw new Error(`The Docker config ${path} has an invalid "auths" field (expected an object)`);
  }
  if (cfg.credHelpers !== undefined && (typeof cfg.credHelpers !== 'object' || cfg.credHelpers === null || Array.isArray(cfg.credHelpers))) {
    throw new Error(`The Docker config ${path} has an invalid "credHelpers" field (expected an object)`);
  }
  return cfg;
}

/**
 * Write config.json atomically (temp file in the same directory, then rename) with mode 0600, like the
 * CLI. A symlinked config.json is written through to its target. The directory is created (0700) if missing.
 */
export async function writeDockerConfig(path: string, config: DockerConfig): Promise<void> {
  let target = path;
  try {
    target = await fs.realpath(path);
  } catch {
    // does not exist yet: write where asked
  }
  const dir = dirname(target);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.config.json.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const body = `${JSON.stringify(config, null, '\t')}\n`;
  try {
    const handle = await fs.open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(body, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.chmod(tmp, 0o600);
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw new Error(`Cannot write the Docker config ${target}: ${(err as Error).message}`, { cause: err });
  }
}

/** Read, change and write config.json, keeping every field the change does not touch. */
export async function updateDockerConfig(path: string, change: (config: DockerConfig) => void): Promise<void> {
  const config = await readDockerConfig(path);
  change(config);
  await writeDockerConfig(path, config);
}

/** Decode an `auth` field (base64 of "user:password"). Undefined when it is not valid. */
export function decodeAuth(auth: string): { username: string; password: string } | undefined {
  const text = Buffer.from(auth, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

export function encodeAuth(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}
