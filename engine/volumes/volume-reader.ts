import type { VolumeSummary, VolumeUser } from '../../contract/models/volumes.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';
import { isBerthHelper } from './helper-label.js';

/** GET /volumes and /volumes/{name}: the fields Berth reads. */
export interface RawVolume {
  Name: string;
  Driver?: string;
  Scope?: string;
  Mountpoint?: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
}

interface RawContainerMounts {
  Id?: string;
  Names?: string[];
  State?: string;
  Labels?: Record<string, string> | null;
  Mounts?: { Type?: string; Name?: string }[] | null;
}

/** Which containers mount each volume (helpers left out). */
export type UsersByVolume = Map<string, VolumeUser[]>;

const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

export function mapVolume(raw: RawVolume, users: UsersByVolume): VolumeSummary {
  const created = raw.CreatedAt ? Date.parse(raw.CreatedAt) : NaN;
  const labels = { ...(raw.Labels ?? {}) };
  return {
    name: raw.Name,
    driver: raw.Driver ?? '',
    scope: raw.Scope ?? 'local',
    mountpoint: raw.Mountpoint ?? '',
    labels,
    options: { ...(raw.Options ?? {}) },
    createdAt: Number.isFinite(created) ? created : null,
    anonymous: Object.hasOwn(labels, ANONYMOUS_LABEL) || /^[0-9a-f]{64}$/.test(raw.Name),
    usedBy: users.get(raw.Name) ?? [],
  };
}

/** Reads volumes (mapped) and who uses them, through the engine adapter. */
export class VolumeReader {
  constructor(
    private readonly engine: EngineAdapter,
    private readonly endpoint: string,
  ) {}

  async users(signal?: AbortSignal): Promise<UsersByVolume> {
    const list = await this.call(() => this.engine.json<RawContainerMounts[]>({ path: '/containers/json', query: { all: 1 }, signal }));
    const users: UsersByVolume = new Map();
    for (const c of list) {
      if (isBerthHelper(c.Labels)) continue;
      const user = { id: c.Id ?? '', name: (c.Names?.[0] ?? c.Id ?? '').replace(/^\//, ''), running: c.State === 'running' || c.State === 'paused' };
      for (const m of c.Mounts ?? []) {
        if (m.Type !== 'volume' || !m.Name) continue;
        const arr = users.get(m.Name) ?? [];
        if (!arr.some((u) => u.id === user.id)) arr.push(user);
        users.set(m.Name, arr);
      }
    }
    for (const arr of users.values()) arr.sort((a, b) => a.name.localeCompare(b.name));
    return users;
  }

  async list(signal?: AbortSignal): Promise<VolumeSummary[]> {
    const [raw, users] = await Promise.all([this.call(() => this.engine.json<{ Volumes?: RawVolume[] | null }>({ path: '/volumes', signal })), this.users(signal)]);
    return (raw.Volumes ?? []).map((v) => mapVolume(v, users));
  }

  /** These volumes by name; a name left out is gone. */
  async read(names: readonly string[], signal?: AbortSignal): Promise<Map<string, VolumeSummary>> {
    const [users, raws] = await Promise.all([this.users(signal), Promise.all(names.map((n) => this.inspect(n, signal)))]);
    const out = new Map<string, VolumeSummary>();
    for (const raw of raws) if (raw) out.set(raw.Name, mapVolume(raw, users));
    return out;
  }

  async inspect(name: string, signal?: AbortSignal): Promise<RawVolume | undefined> {
    try {
      return await this.engine.json<RawVolume>({ path: `/volumes/${encodeURIComponent(name)}`, signal });
    } catch (err) {
      if ((err as { statusCode?: unknown }).statusCode === 404) return undefined;
      throw toBerthError(err, this.endpoint);
    }
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toBerthError(err, this.endpoint);
    }
  }
}
