import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built UI (dist/renderer of the Berth package). Found by walking up from this module to Berth's
 * package.json, so it works from dist/server/main.js and from server/main.ts under tsx alike.
 * `$BERTH_UI_DIR` overrides it (packagers).
 */
export function findUiDir(moduleUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.BERTH_UI_DIR) return env.BERTH_UI_DIR;
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'berth') return join(dir, 'dist', 'renderer');
      } catch {
        // not ours; keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return join(dirname(fileURLToPath(moduleUrl)), '..', 'renderer');
    dir = parent;
  }
}
