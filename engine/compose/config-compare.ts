import type { ComposeMount, ComposeProject, ComposeService } from '../../contract/models/compose.js';
import { asNameMap } from './merge.js';
import { parsePort, resolvePath } from './normalize-service.js';
import { parseBytes, parseDuration, splitCommand } from './units.js';

/**
 * One comparable shape for Berth's model and `docker-compose config` (v1.29) output, for the
 * differential tests: lists sorted, syntaxes (short/long ports and volumes, list/map environment,
 * string/list commands and healthchecks) brought to one form. A field absent on either side is not
 * compared (see `commonFields`).
 */
export type Comparable = {
  services: Record<string, Record<string, unknown>>;
  networks: Record<string, Record<string, unknown>>;
  volumes: Record<string, Record<string, unknown>>;
};

const portKey = (p: { target: number; published?: number; hostIp?: string; protocol: string }) => `${p.hostIp ?? ''}:${p.published ?? ''}:${p.target}/${p.protocol}`;
const mountKey = (m: ComposeMount) => (m.type === 'tmpfs' ? `tmpfs:${m.target}` : `${m.type}:${m.source ?? ''}:${m.target}:${m.readOnly ? 'ro' : 'rw'}`);
const sorted = (xs: string[]) => [...xs].sort();
const nets = (n: Record<string, { aliases: string[] }>) => {
  const keys = Object.keys(n);
  if (keys.length === 1 && keys[0] === 'default' && !n.default!.aliases.length) return undefined;
  return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, sorted(v.aliases)]));
};

export function fromBerth(p: ComposeProject): Comparable {
  const svc = (s: ComposeService): Record<string, unknown> => ({
    image: s.build && s.image === `${p.name}-${s.name}` ? undefined : s.image,
    command: s.command,
    entrypoint: s.entrypoint,
    environment: s.environment,
    ports: sorted(s.ports.map(portKey)),
    volumes: sorted(s.volumes.map(mountKey)),
    networks: s.networkMode ? undefined : nets(s.networks),
    network_mode: s.networkMode,
    depends_on: Object.fromEntries(Object.entries(s.dependsOn).map(([k, v]) => [k, v.condition])),
    healthcheck: s.healthcheck,
    restart: s.restart,
    labels: s.labels,
    user: s.user,
    working_dir: s.workingDir,
    hostname: s.hostname,
    container_name: s.containerName,
    expose: sorted(s.expose),
    cap_add: sorted(s.capAdd),
    cap_drop: sorted(s.capDrop),
    dns: s.dns,
    extra_hosts: sorted(s.extraHosts),
    init: s.init,
    read_only: s.readOnly,
    tty: s.tty,
    stdin_open: s.stdinOpen,
    stop_signal: s.stopSignal,
    stop_grace_period: s.stopGracePeriod,
    limits: s.limits,
    build: s.build,
    profiles: s.profiles.length ? s.profiles : undefined,
  });
  return {
    services: Object.fromEntries(p.services.map((s) => [s.name, clean(svc(s))])),
    networks: Object.fromEntries(Object.entries(p.networks).filter(([k]) => k !== 'default').map(([k, n]) => [k, clean({ name: n.name, external: n.external, driver: n.driver, labels: n.labels })])),
    volumes: Object.fromEntries(Object.entries(p.volumes).map(([k, v]) => [k, clean({ name: v.name, external: v.external, driver: v.driver, labels: v.labels })])),
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (v === null || v === undefined ? undefined : String(v as string));

/** `docker-compose config` (parsed YAML) in the comparable shape; `workingDir` resolves what v1 leaves relative. */
export function fromV1(config: Obj, workingDir: string): Comparable {
  const services: Comparable['services'] = {};
  for (const [name, raw] of Object.entries((config.services ?? {}) as Obj)) {
    const s = raw as Obj;
    const argv = (v: unknown) => (v === undefined || v === null ? undefined : Array.isArray(v) ? v.map(String) : splitCommand(String(v as string)));
    const hc = s.healthcheck as Obj | undefined;
    const d = (v: unknown) => (v === undefined ? undefined : parseDuration(v as string));
    const limits = ((s.deploy as Obj | undefined)?.resources as Obj | undefined)?.limits as Obj | undefined;
    const ports = ((s.ports ?? []) as unknown[]).flatMap((p) => parsePort(isObj(p) ? p : String(p as string), () => undefined));
    const volumes = ((s.volumes ?? []) as unknown[]).map((v): string => {
      if (isObj(v)) {
        const t = v.type as string;
        if (t === 'tmpfs') return `tmpfs:${v.target as string}`;
        const src = t === 'bind' ? resolvePath(v.source as string, workingDir) : (str(v.source) ?? '');
        return `${t}:${src}:${v.target as string}:${v.read_only ? 'ro' : 'rw'}`;
      }
      const parts = String(v).split(':');
      if (parts.length === 1) return `volume::${parts[0]}:rw`;
      const bind = /^[./~]/.test(parts[0]!);
      return `${bind ? 'bind' : 'volume'}:${bind ? resolvePath(parts[0]!, workingDir) : parts[0]}:${parts[1]}:${(parts[2] ?? 'rw').split(',').includes('ro') ? 'ro' : 'rw'}`;
    });
    for (const t of s.tmpfs === undefined ? [] : Array.isArray(s.tmpfs) ? s.tmpfs : [s.tmpfs]) volumes.push(`tmpfs:${String(t).split(':')[0]}`);
    const networks = s.networks === undefined ? undefined : Object.fromEntries(Object.entries(Array.isArray(s.networks) ? Object.fromEntries(s.networks.map((n) => [n, null])) : (s.networks as Obj)).map(([k, v]) => [k, sorted(((v as Obj | null)?.aliases as string[] | undefined) ?? [])]));
    const deps = s.depends_on === undefined ? undefined : Array.isArray(s.depends_on) ? Object.fromEntries(s.depends_on.map((x) => [x, 'service_started'])) : Object.fromEntries(Object.entries(s.depends_on as Obj).map(([k, v]) => [k, ((v as Obj | null)?.condition as string | undefined) ?? 'service_started']));
    const build = isObj(s.build) ? s.build : s.build === undefined ? undefined : { context: s.build };
    services[name] = clean({
      image: s.image,
      command: argv(s.command),
      entrypoint: argv(s.entrypoint),
      environment: s.environment === undefined ? undefined : Object.fromEntries(Object.entries(asNameMap(s.environment)).map(([k, v]) => [k, v === null ? null : String(v as string)])),
      ports: s.ports === undefined ? undefined : sorted(ports.map(portKey)),
      volumes: s.volumes === undefined && s.tmpfs === undefined ? undefined : sorted(volumes),
      networks,
      network_mode: s.network_mode,
      depends_on: deps,
      healthcheck: hc === undefined ? undefined : hc.disable ? { test: ['NONE'] } : clean({ test: typeof hc.test === 'string' ? ['CMD-SHELL', hc.test] : hc.test, interval: d(hc.interval), timeout: d(hc.timeout), startPeriod: d(hc.start_period), retries: hc.retries }),
      restart: s.restart,
      labels: s.labels === undefined ? undefined : Object.fromEntries(Object.entries(asNameMap(s.labels)).map(([k, v]) => [k, str(v) ?? ''])),
      user: s.user,
      working_dir: s.working_dir,
      hostname: s.hostname,
      container_name: s.container_name,
      expose: s.expose === undefined ? undefined : sorted((s.expose as unknown[]).map(String)),
      cap_add: s.cap_add === undefined ? undefined : sorted((s.cap_add as unknown[]).map(String)),
      cap_drop: s.cap_drop === undefined ? undefined : sorted((s.cap_drop as unknown[]).map(String)),
      dns: s.dns === undefined ? undefined : Array.isArray(s.dns) ? s.dns.map(String) : [String(s.dns as string)],
      extra_hosts: s.extra_hosts === undefined ? undefined : sorted(Object.entries(asNameMap(s.extra_hosts, ':')).map(([k, v]) => `${k}:${str(v) ?? ''}`)),
      init: s.init,
      read_only: s.read_only,
      tty: s.tty,
      stdin_open: s.stdin_open,
      stop_signal: s.stop_signal,
      stop_grace_period: s.stop_grace_period === undefined ? undefined : Math.round(parseDuration(s.stop_grace_period as string)! / 1e9),
      limits: limits === undefined ? undefined : clean({ cpus: limits.cpus === undefined ? undefined : Number(limits.cpus), memory: limits.memory === undefined ? undefined : parseBytes(limits.memory as string) }),
      build: build === undefined ? undefined : clean({ context: resolvePath(build.context as string, workingDir), dockerfile: build.dockerfile, args: build.args === undefined ? {} : Object.fromEntries(Object.entries(asNameMap(build.args)).map(([k, v]) => [k, String(v as string)])), target: build.target }),
      profiles: s.profiles,
    });
  }
  const res = (section: 'networks' | 'volumes') =>
    Object.fromEntries(Object.entries((config[section] ?? {}) as Obj).map(([k, raw]) => {
      const v = (raw ?? {}) as Obj;
      return [k, clean({ name: v.name, external: v.external === undefined ? undefined : Boolean(v.external), driver: v.driver, labels: v.labels === undefined ? undefined : asNameMap(v.labels) })];
    }));
  return { services, networks: res('networks'), volumes: res('volumes') };
}

/** Keep only the fields both sides define, recursively for the top-level records. */
export function commonFields(a: Comparable, b: Comparable): [Comparable, Comparable] {
  const pick = (x: Record<string, Record<string, unknown>>, y: Record<string, Record<string, unknown>>) => {
    const outX: Record<string, Record<string, unknown>> = {};
    const outY: Record<string, Record<string, unknown>> = {};
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
      const fx = x[k] ?? {};
      const fy = y[k] ?? {};
      outX[k] = {};
      outY[k] = {};
      for (const f of Object.keys(fx)) {
        if (f in fy) {
          outX[k][f] = fx[f];
          outY[k][f] = fy[f];
        }
      }
    }
    return [outX, outY] as const;
  };
  const [sa, sb] = pick(a.services, b.services);
  const [na, nb] = pick(a.networks, b.networks);
  const [va, vb] = pick(a.volumes, b.volumes);
  return [{ services: sa, networks: na, volumes: va }, { services: sb, networks: nb, volumes: vb }];
}

function clean<T extends Obj>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
