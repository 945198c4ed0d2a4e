import { BerthError } from '../../contract/errors.js';
import type { EngineProviderKind } from '../../contract/model.js';

/** What the user asked for: `--engine`, `--docker-host` and `--no-embedded-engine`, on either host. */
export interface EngineRequestFlags {
  engine?: 'auto' | EngineProviderKind;
  dockerHost?: string;
  noEmbedded?: boolean;
}

/**
 * The providers to try, in order, and why. The rules (the README repeats them):
 * - `--engine native`: only an engine that already runs (`--docker-host`, DOCKER_HOST, the Docker
 *   context, the default sockets). Berth starts nothing.
 * - `--engine embedded`: Berth's own dockerd on this machine (Linux, as root, dockerd installed).
 * - `--engine vm`: dockerd in Berth's Linux VM.
 * - `--engine auto` (the default): on macOS and Windows the VM; on Linux an engine that answers, else
 *   the embedded dockerd, else the VM.
 * - `--docker-host URL` names one engine to connect to: it means native, and goes with auto or native only.
 * - `--no-embedded-engine` takes the embedded dockerd out of auto; with `--engine embedded` it is a contradiction.
 */
export interface EnginePlan {
  order: EngineProviderKind[];
  /** In plain words, for the Engine page. */
  why: string;
}

export function planEngine(flags: EngineRequestFlags, platform: NodeJS.Platform): EnginePlan {
  const engine = flags.engine ?? 'auto';
  const host = flags.dockerHost?.trim() || undefined;
  if (host && engine !== 'auto' && engine !== 'native') {
    throw contradiction(`--docker-host names an engine to connect to, so it cannot go with --engine ${engine}. Drop one of the two.`);
  }
  if (flags.noEmbedded && engine === 'embedded') {
    throw contradiction('--no-embedded-engine and --engine embedded contradict each other. Drop one of the two.');
  }
  if (engine === 'embedded' && platform !== 'linux') {
    throw contradiction(`--engine embedded runs dockerd directly on this machine, which only Linux can do (this is ${platformName(platform)}). Use --engine vm.`);
  }
  if (host) return { order: ['native'], why: `You chose the engine at ${host} (--docker-host).` };
  switch (engine) {
    case 'native':
      return { order: ['native'], why: 'You chose an engine that already runs (--engine native).' };
    case 'embedded':
      return { order: ['embedded'], why: 'You chose Berth’s own dockerd on this machine (--engine embedded).' };
    case 'vm':
      return { order: ['vm'], why: 'You chose the engine in Berth’s Linux VM (--engine vm).' };
    case 'auto':
      if (platform !== 'linux') {
        return { order: ['vm'], why: `${platformName(platform)} runs no Docker engine natively, so Berth runs dockerd in its Linux VM.` };
      }
      return flags.noEmbedded
        ? { order: ['native', 'vm'], why: 'Linux: an engine that answers, else Berth’s VM (the embedded dockerd is off: --no-embedded-engine).' }
        : { order: ['native', 'embedded', 'vm'], why: 'Linux: an engine that answers, else Berth’s own dockerd (as root), else Berth’s VM.' };
  }
}

function platformName(platform: NodeJS.Platform): string {
  return platform === 'darwin' ? 'macOS' : platform === 'win32' ? 'Windows' : platform;
}

function contradiction(message: string): BerthError {
  return new BerthError('VALIDATION', message, { reason: 'engine-flags' });
}
