import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The docker CLI's config dir: $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || join(homedir(), '.docker');
}

/** Where the CLI keeps a context's metadata: contexts/meta/<sha256(name)>/meta.json. */
export function contextMetaPath(configDir: string, name: string): string {
  return join(configDir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'), 'meta.json');
}

/** Writes the Docker context `name` (default `berth`) so `docker --context berth ps` reaches the VM. */
export function writeDockerContext(configDir: string, dockerHost: string, name = 'berth'): string {
  const path = contextMetaPath(configDir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  const meta = {
    Name: name,
    Metadata: { Description: "Berth's VM engine" },
    Endpoints: { docker: { Host: dockerHost, SkipTLSVerify: false } },
  };
  writeFileSync(path, JSON.stringify(meta) + '\n');
  return path;
}

export function removeDockerContext(configDir: string, name = 'berth'): void {
  rmSync(join(contextMetaPath(configDir, name), '..'), { recursive: true, force: true });
}
