import { BerthError } from '../../contract/errors.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';

/** A plugin name as the engine resolves it: without a tag it means `:latest`. */
function normalize(name: string): string {
  return /:[^/]*$/.test(name) ? name : `${name}:latest`;
}

interface RawPlugin {
  Name?: string;
  Enabled?: boolean;
  Config?: { Interface?: { Types?: string[] } };
}

/**
 * The volume drivers this engine has: GET /info's Plugins.Volume (local, and the plugins it has used so
 * far) and the installed plugins that drive volumes (GET /plugins: one installed but not used yet is not in
 * /info). Undefined when the engine cannot say (no /plugins, as on Podman): then nothing is checked.
 */
async function volumeDrivers(engine: EngineAdapter, signal?: AbortSignal): Promise<{ enabled: string[]; disabled: string[] } | undefined> {
  try {
    const [info, plugins] = await Promise.all([
      engine.json<{ Plugins?: { Volume?: string[] | null } }>({ path: '/info', signal }),
      engine.json<RawPlugin[] | null>({ path: '/plugins', signal }),
    ]);
    const enabled = new Set(info.Plugins?.Volume ?? []);
    const disabled = new Set<string>();
    for (const p of plugins ?? []) {
      if (!p.Name || !(p.Config?.Interface?.Types ?? []).some((t) => t.startsWith('docker.volumedriver/'))) continue;
      (p.Enabled ? enabled : disabled).add(p.Name);
    }
    return { enabled: [...enabled].sort(), disabled: [...disabled].sort() };
  } catch {
    return undefined;
  }
}

/**
 * Refuse at once a volume driver the engine does not have. Asked for one, the engine looks for a legacy
 * plugin of that name and retries for 15 s (measured against dockerd 20.10: `docker volume create -d
 * nosuchdriver x` answers `error looking up volume plugin nosuchdriver: plugin "nosuchdriver" not found`
 * after 15.1 s). A disabled plugin the engine refuses at once, but in its words. Only a legacy plugin (a
 * socket in /run/docker/plugins) never used before is not listed anywhere: it is refused too, a rare case
 * traded for an answer in a fraction of a second instead of 15 s.
 */
export async function checkVolumeDriver(engine: EngineAdapter, driver: string, signal?: AbortSignal): Promise<void> {
  if (driver === 'local') return;
  const found = await volumeDrivers(engine, signal);
  if (!found) return;
  const wanted = normalize(driver);
  if (found.enabled.some((d) => normalize(d) === wanted)) return;
  if (found.disabled.some((d) => normalize(d) === wanted))
    throw new BerthError('VALIDATION', `The volume driver "${driver}" is installed but disabled: enable it first (docker plugin enable ${driver})`, {
      reason: 'volume-driver-disabled',
      driver,
    });
  const list = found.enabled.join(', ');
  throw new BerthError('VALIDATION', `This engine has no volume driver named "${driver}". Its volume drivers: ${list}. Install the driver’s plugin first (docker plugin install), or use one of those`, {
    reason: 'volume-driver-unknown',
    driver,
    drivers: found.enabled,
  });
}

const WHAT = {
  type: 'the file system to mount: none (with o=bind, for a host folder), nfs, cifs, tmpfs…',
  device: 'what to mount: the host folder for type=none, ":/exported/path" for nfs, "tmpfs" for tmpfs',
};

/**
 * The local driver's refusals of its options (dockerd's validateOpts), in words that say which option and
 * what it is for, with `details.reason`: volume-option-missing (type and device go together; o needs both),
 * volume-option-unknown, volume-size-unsupported. Undefined for any other message.
 */
export function localOptionError(message: string, driver: string, options: Record<string, string>): BerthError | undefined {
  if (driver !== 'local') return undefined;
  if (/missing required option/i.test(message)) {
    // The engine names one (in random order when both are missing): name every one that is.
    const missing = (['type', 'device'] as const).filter((k) => !(k in options));
    if (!missing.length) return undefined;
    const given = Object.keys(options).map((k) => (k === 'o' ? 'o' : `${k}=${options[k]}`)).join(', ');
    const needs = missing.map((k) => `${k} (${WHAT[k]})`).join('; and ');
    return new BerthError('VALIDATION', `Driver option${missing.length > 1 ? 's' : ''} missing: with ${given}, the local driver also needs ${needs}`, {
      reason: 'volume-option-missing',
      driver,
      missing,
    });
  }
  const unknown = /invalid option: "([^"]*)"/i.exec(message);
  if (unknown) {
    return new BerthError('VALIDATION', `The local driver has no option "${unknown[1]}": it takes type (${WHAT.type}), device (${WHAT.device}) and o (mount options)`, {
      reason: 'volume-option-unknown',
      driver,
      option: unknown[1],
    });
  }
  if (/quota size requested but no quota support/i.test(message)) {
    return new BerthError('VALIDATION', 'The local driver cannot limit a volume’s size on this engine: size needs project quotas (xfs mounted with pquota) under its data root', {
      reason: 'volume-size-unsupported',
      driver,
      option: 'size',
    });
  }
  return undefined;
}
