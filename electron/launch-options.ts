import { parseArgs } from 'node:util';
import { defaultDataDir } from '../server/data-dir.js';

export interface LaunchOptions {
  dockerHost?: string;
  dataDir: string;
  embedded: 'auto' | 'never';
}

/**
 * The desktop app's own flags (same names as browser mode): --docker-host, --data-dir,
 * --no-embedded-engine. Lenient: Chromium and Electron switches on the command line are ignored.
 */
export function readLaunchOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): LaunchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: {
      'docker-host': { type: 'string' },
      'data-dir': { type: 'string' },
      'no-embedded-engine': { type: 'boolean' },
    },
  });
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    dockerHost: str(values['docker-host']),
    dataDir: str(values['data-dir']) ?? defaultDataDir(env),
    embedded: values['no-embedded-engine'] === true ? 'never' : 'auto',
  };
}
