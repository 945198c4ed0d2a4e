import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/**
 * The recipe: beside this file when run from the sources; from a bundle (`dist/server/main.js`,
 * `dist/electron/backend.js`) it is the repository's vm/image, two levels up. Without this the built
 * app never found the image `npm run vm:image` made, and said it was not built.
 */
const recipeDir = [here, join(here, '..', '..', 'vm', 'image')].find((d) => existsSync(join(d, 'build.sh'))) ?? here;

function recipeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return recipeFiles(p);
    return n.endsWith('.ts') || n.endsWith('.md') ? [] : [p];
  });
}

/** The hash build.sh keys the cache with: every recipe file (path + content) and the architecture. */
export function imageKey(arch = 'amd64'): string {
  const h = createHash('sha256');
  const files = recipeFiles(recipeDir)
    .map((p) => `./${relative(recipeDir, p)}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const f of files) h.update(`${f}\n`).update(readFileSync(join(recipeDir, f)));
  h.update(`${arch}\n`);
  return h.digest('hex').slice(0, 16);
}

export function imageCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BERTH_VM_IMAGE_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'berth', 'vm-image');
}

/** The built image for this recipe, if the cache has it. */
export function findImage(arch = 'amd64'): string | undefined {
  const dir = join(imageCacheDir(), `${arch}-${imageKey(arch)}`);
  return existsSync(join(dir, 'manifest.json')) ? dir : undefined;
}

/** Builds the image (or reuses the cache) with `npm run vm:image`'s script; returns its dir. */
export function buildImage(arch = 'amd64', onLog?: (chunk: string) => void): string {
  const out = execFileSync('bash', [join(recipeDir, 'build.sh'), '--arch', arch], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', onLog ? 'pipe' : 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const dir = out.trim().split('\n').pop() ?? '';
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`vm/image/build.sh did not produce an image (said: ${out.slice(-500)})`);
  return dir;
}
