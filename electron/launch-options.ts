import { parseArgs } from 'node:util';
import type { EngineRequestFlags } from '../engine/providers/engine-choice.js';
import { checkEngineFlags, parseEngineFlag } from '../server/cli-args.js';
import { defaultDataDir } from '../server/data-dir.js';

export interface LaunchOptions {
  dockerHost?: string;
  dataDir: string;
  embedded: 'auto' | 'never';
  engine: NonNullable<EngineRequestFlags['engine']>;
}

/**
 * The desktop app's own flags (same names as browser mode): --engine, --docker-host, --data-dir,
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
      engine: { type: 'string' },
    },
  });
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const engine = parseEngineFlag(str(values.engine));
  checkEngineFlags({ engine, dockerHost: str(values['docker-host']), noEmbedded: values['no-embedded-engine'] === true });
  return {
    engine,
    dockerHost: str(values['docker-host']),
    dataDir: str(values['data-dir']) ?? defaultDataDir(env),
    embedded: values['no-embedded-engine'] === true ? 'never' : 'auto',
  };
}

/** The same options as flags again, for the back end's utility process (it reads them with readLaunchOptions). */
export function launchArgs(o: LaunchOptions): string[] {
  return [
    '--data-dir', o.dataDir,
    ...(o.engine !== 'auto' ? ['--engine', o.engine] : []),
    ...(o.dockerHost ? ['--docker-host', o.dockerHost] : []),
    ...(o.embedded === 'never' ? ['--no-embedded-engine'] : []),
  ];
}
