import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, testImage } from './docker-cli.js';

/**
 * Build a small image FROM the local test image (the engine has no internet) with several layers:
 * `steps` RUN steps writing random bytes (so each run's layers are new), a COPY, EXPOSE and VOLUME.
 */
export async function buildMultiLayerImage(tag: string, options: { steps?: number; kib?: number; label?: string } = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-img-fixture-'));
  try {
    const steps = options.steps ?? 3;
    const lines = [`FROM ${testImage}`];
    if (options.label) lines.push(`LABEL berth.e2e=${JSON.stringify(options.label)}`);
    for (let i = 0; i < steps; i++) lines.push(`RUN dd if=/dev/urandom of=/f${i} bs=1k count=${options.kib ?? 64} 2>/dev/null`);
    lines.push('COPY note.txt /note.txt', 'EXPOSE 8080/tcp', 'VOLUME /data');
    writeFileSync(join(dir, 'Dockerfile'), lines.join('\n') + '\n');
    writeFileSync(join(dir, 'note.txt'), `${tag} ${Date.now()}\n`);
    await docker('build', '-q', '--no-cache', '-t', tag, dir);
    return await docker('image', 'inspect', '--format', '{{.Id}}', tag);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Tags of a repository in the local registry (127.0.0.1:5000), [] when it has none. */
export async function registryTags(repo: string, registry = 'http://127.0.0.1:5000'): Promise<string[]> {
  const res = await fetch(`${registry}/v2/${repo}/tags/list`);
  if (!res.ok) return [];
  const body = (await res.json()) as { tags?: string[] | null };
  return body.tags ?? [];
}

/** Remove images by name or id, ignoring those already gone. */
export async function removeImages(...refs: string[]): Promise<void> {
  for (const r of refs) await docker('rmi', '-f', r).catch(() => undefined);
}
