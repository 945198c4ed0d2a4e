import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Berth keeps its state (the embedded engine's data root, settings). `$BERTH_DATA_DIR` wins;
 * otherwise the platform's per-user data folder. Desktop and browser mode share it, so both see the
 * same embedded engine.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.BERTH_DATA_DIR) return env.BERTH_DATA_DIR;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Berth');
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'Berth');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'berth');
}
