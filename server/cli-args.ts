import { parseArgs } from 'node:util';
import { BerthError } from '../contract/errors.js';
import { planEngine, type EngineRequestFlags } from '../engine/providers/engine-choice.js';
import { defaultDataDir } from './data-dir.js';
import { toDockerOptions } from '../engine/client/docker-host.js';

export interface ServerArgs {
  port: number;
  tokenFile?: string;
  dockerHost?: string;
  dataDir: string;
  embedded: 'auto' | 'never';
  engine: NonNullable<EngineRequestFlags['engine']>;
  help: boolean;
}

export const USAGE = `Usage: npm run web -- [options]   (or: node dist/server/main.js [options])

Serves the Berth UI to your browser on 127.0.0.1, behind a random access token.

Options:
  --port N               Port to listen on (0, the default, picks a free one)
  --token-file FILE      Read the access token from FILE instead of making a random one
  --engine KIND          auto (default), native, embedded or vm: see "Which engine" in the README
  --docker-host URL      Docker engine to use, e.g. unix:///var/run/docker.sock or tcp://127.0.0.1:2375
  --data-dir DIR         Where Berth keeps its state (default: $BERTH_DATA_DIR or the per-user data folder)
  --no-embedded-engine   Never start Berth's own dockerd, even when no engine is reachable
  -h, --help             Show this help`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses browser-mode flags; anything unknown or malformed is a UsageError naming the flag. */
export function parseServerArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServerArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'token-file': { type: 'string' },
        'docker-host': { type: 'string' },
        'data-dir': { type: 'string' },
        'no-embedded-engine': { type: 'boolean' },
        engine: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }

  const portText = (values.port as string | undefined) ?? '0';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${portText}").`);
  }
  const tokenFile = values['token-file'] as string | undefined;
  if (tokenFile === '') throw new UsageError('--token-file needs a file name.');
  const dockerHost = values['docker-host'] as string | undefined;
  if (dockerHost !== undefined) checkDockerHost(dockerHost);
  const dataDir = values['data-dir'] as string | undefined;
  if (dataDir === '') throw new UsageError('--data-dir needs a folder name.');

  const engine = parseEngineFlag(values.engine as string | undefined);
  checkEngineFlags({ engine, dockerHost, noEmbedded: Boolean(values['no-embedded-engine']) });

  return {
    port: Number(portText),
    tokenFile,
    dockerHost,
    dataDir: dataDir ?? defaultDataDir(env),
    embedded: values['no-embedded-engine'] ? 'never' : 'auto',
    engine,
    help: Boolean(values.help),
  };
}

const ENGINE_KINDS = ['auto', 'native', 'embedded', 'vm'] as const;

/** `--engine`: one of auto, native, embedded, vm (shared with the desktop app's flags). */
export function parseEngineFlag(value: string | undefined): NonNullable<EngineRequestFlags['engine']> {
  if (value === undefined) return 'auto';
  if ((ENGINE_KINDS as readonly string[]).includes(value)) return value as NonNullable<EngineRequestFlags['engine']>;
  throw new UsageError(`--engine must be one of ${ENGINE_KINDS.join(', ')} (got "${value}").`);
}

/** Contradictory engine flags are refused before anything starts. */
export function checkEngineFlags(flags: EngineRequestFlags, platform: NodeJS.Platform = process.platform): void {
  try {
    planEngine(flags, platform);
  } catch (err) {
    if (err instanceof BerthError) throw new UsageError(err.message);
    throw err;
  }
}

/** `--docker-host` is checked the way the engine client will read it, so a bad one stops Berth before it starts. */
function checkDockerHost(host: string): void {
  try {
    toDockerOptions(host, { env: {}, homedir: '', readFile: () => Buffer.alloc(0) });
  } catch (err) {
    if (err instanceof BerthError) {
      throw new UsageError(`--docker-host: ${err.message.replace(/^Unsupported Docker host/, 'unsupported Docker host')}. Example: unix:///var/run/docker.sock or tcp://127.0.0.1:2375.`);
    }
    throw err;
  }
}
