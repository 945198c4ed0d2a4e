import type { InspectMount, InspectNetwork, InspectPort, InspectSummary } from '../../contract/models/container-logs.js';

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : []);
const optional = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
/** The engine writes "0001-01-01T00:00:00Z" for "never". */
const time = (v: unknown): string | undefined => {
  const s = optional(v);
  return s && !s.startsWith('0001-01-01') ? s : undefined;
};

/** Map the engine's GET /containers/{id}/json to the readable summary (tolerant of missing fields). */
export function summarizeInspect(raw: unknown): InspectSummary {
  const r = obj(raw);
  const config = obj(r.Config);
  const state = obj(r.State);
  const host = obj(r.HostConfig);
  const net = obj(r.NetworkSettings);
  const restart = obj(host.RestartPolicy);

  const summary: InspectSummary = {
    id: str(r.Id),
    name: str(r.Name).replace(/^\//, ''),
    image: str(config.Image) || str(r.Image),
    imageId: str(r.Image),
    created: str(r.Created),
    state: {
      status: str(state.Status),
      running: state.Running === true,
      exitCode: num(state.ExitCode),
      oomKilled: state.OOMKilled === true,
      pid: num(state.Pid),
    },
    command: strs(config.Cmd),
    entrypoint: strs(config.Entrypoint),
    workingDir: str(config.WorkingDir),
    user: str(config.User),
    hostname: str(config.Hostname),
    tty: config.Tty === true,
    env: strs(config.Env).map((e) => {
      const eq = e.indexOf('=');
      return eq < 0 ? { name: e, value: '' } : { name: e.slice(0, eq), value: e.slice(eq + 1) };
    }),
    labels: Object.fromEntries(Object.entries(obj(config.Labels)).filter((e): e is [string, string] => typeof e[1] === 'string')),
    mounts: mapMounts(r.Mounts, host.Tmpfs),
    networks: Object.entries(obj(net.Networks)).map(([name, v]) => mapNetwork(name, obj(v))),
    ports: mapPorts(obj(net.Ports), obj(config.ExposedPorts)),
    restartPolicy: { name: str(restart.Name) || 'no', maximumRetryCount: num(restart.MaximumRetryCount) },
  };
  const startedAt = time(state.StartedAt);
  const finishedAt = time(state.FinishedAt);
  const error = optional(state.Error);
  if (startedAt) summary.state.startedAt = startedAt;
  if (finishedAt) summary.state.finishedAt = finishedAt;
  if (error) summary.state.error = error;

  const health = obj(state.Health);
  if (typeof health.Status === 'string') {
    const log = Array.isArray(health.Log) ? health.Log : [];
    const last = obj(log[log.length - 1]);
    summary.health = { status: health.Status, failingStreak: num(health.FailingStreak) };
    if (log.length) summary.health.lastCheck = { start: str(last.Start), end: str(last.End), exitCode: num(last.ExitCode), output: str(last.Output) };
  }
  return summary;
}

/**
 * The engine's Mounts, plus the `--tmpfs` ones: those are only in HostConfig.Tmpfs ({"/run": "rw,size=64m"}),
 * while `--mount type=tmpfs` ones are in Mounts too.
 */
function mapMounts(mounts: unknown, tmpfs: unknown): InspectMount[] {
  const out = (Array.isArray(mounts) ? mounts : []).map(mapMount);
  for (const [destination, options] of Object.entries(obj(tmpfs))) {
    if (out.some((m) => m.destination === destination)) continue;
    out.push({ type: 'tmpfs', source: '', destination, readOnly: str(options).split(',').includes('ro') });
  }
  return out;
}

function mapMount(v: unknown): InspectMount {
  const m = obj(v);
  const mount: InspectMount = { type: str(m.Type) || 'bind', source: str(m.Source), destination: str(m.Destination), readOnly: m.RW === false };
  const name = optional(m.Name);
  if (name) mount.name = name;
  return mount;
}

function mapNetwork(name: string, n: Obj): InspectNetwork {
  const network: InspectNetwork = { name, aliases: strs(n.Aliases) };
  const fields = [
    ['ipAddress', n.IPAddress],
    ['ipv6Address', n.GlobalIPv6Address],
    ['gateway', n.Gateway],
    ['macAddress', n.MacAddress],
  ] as const;
  for (const [key, value] of fields) {
    const s = optional(value);
    if (s) network[key] = s;
  }
  return network;
}

/** "80/tcp" keys from NetworkSettings.Ports (published, with bindings) and Config.ExposedPorts (exposed only). */
function mapPorts(published: Obj, exposed: Obj): InspectPort[] {
  const byKey = new Map<string, InspectPort>();
  for (const key of [...Object.keys(published), ...Object.keys(exposed)]) {
    const m = /^(\d+)(?:\/(tcp|udp|sctp))?$/.exec(key);
    if (!m || byKey.has(key)) continue;
    const bindings: InspectPort['bindings'] = [];
    const seen = new Set<string>();
    for (const b of Array.isArray(published[key]) ? (published[key] as unknown[]) : []) {
      const hostPort = Number(str(obj(b).HostPort));
      if (!Number.isInteger(hostPort) || hostPort <= 0) continue;
      // The engine lists a port published on every interface twice (0.0.0.0 and ::): keep one.
      const rawIp = str(obj(b).HostIp);
      const hostIp = rawIp === '' || rawIp === '::' ? '0.0.0.0' : rawIp;
      const id = `${hostIp}|${hostPort}`;
      if (seen.has(id)) continue;
      seen.add(id);
      bindings.push({ hostIp, hostPort });
    }
    byKey.set(key, { privatePort: Number(m[1]), type: (m[2] ?? 'tcp') as InspectPort['type'], bindings });
  }
  return [...byKey.values()].sort((a, b) => a.privatePort - b.privatePort || a.type.localeCompare(b.type));
}
