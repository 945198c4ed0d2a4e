import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
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

export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}

/**
 * Creates the data folder if needed and checks Berth can write in it, before anything starts: a data
 * folder that is a file or read-only would otherwise leave Berth running without settings or logs.
 */
export async function prepareDataDir(dir: string): Promise<void> {
  const fix = 'pick another with --data-dir (or $BERTH_DATA_DIR)';
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new DataDirError(`The data folder ${dir} cannot be created: a file is in the way. Move that file, or ${fix}.`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new DataDirError(`The data folder ${dir} cannot be created: permission denied. Make its parent writable, or ${fix}.`);
    throw new DataDirError(`The data folder ${dir} cannot be created (${(err as Error).message}); ${fix}.`);
  }
  if (!(await stat(dir)).isDirectory()) throw new DataDirError(`The data folder ${dir} is a file, not a folder; ${fix}.`);
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new DataDirError(`The data folder ${dir} is not writable: make it writable, or ${fix}.`);
  }
}
