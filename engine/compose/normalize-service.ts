import { homedir } from 'node:os';
import path from 'node:path';
import type { ComposeMount, ComposePort, ComposeService, DependencyCondition } from '../../contract/models/compose.js';
import { parseTmpfsSize } from '../../contract/domains/container-run-parse.js';
import { asNameMap } from './merge.js';
import type { RawService } from './raw-schema.js';
import { parseBytes, parseDuration, splitCommand } from './units.js';

export interface NormalizeContext {
  project: string;
  workingDir: string;
  /** Interpolation variables: `environment: [KEY]` takes its value from here. */
  vars: Readonly<Record<string, string | undefined>>;
  /** Values read from the service's env_file files, in order (environment wins over them). */
  envFileValues: Record<string, string>;
  /** Report a problem at a key path under the service. */
  fail(at: (string | number)[], message: string): void;
}

const str = (v: unknown) => (v === null || v === undefined ? undefined : typeof v === 'string' ? v : String(v as number | boolean));

/** One validated (merged, extended) service → Berth's model. */
export function normalizeService(name: string, raw: RawService, ctx: NormalizeContext): ComposeService {
  const svc: ComposeService = {
    name,
    image: raw.image ?? (raw.build === undefined ? '' : `${ctx.project}-${name}`),
    environment: {},
    ports: [],
    expose: (raw.expose ?? []).map(String),
    volumes: [],
    networks: {},
    dependsOn: {},
    labels: {},
    capAdd: (raw.cap_add ?? []).map(String),
    capDrop: (raw.cap_drop ?? []).map(String),
    extraHosts: [],
    dns: typeof raw.dns === 'string' ? [raw.dns] : (raw.dns ?? []).map(String),
    profiles: raw.profiles ?? [],
  };
  if (raw.build !== undefined) {
    const b = typeof raw.build === 'string' ? { context: raw.build } : raw.build;
    const args: Record<string, string> = {};
    for (const [k, v] of Object.entries(asNameMap(b.args))) {
      const value = v === null ? ctx.vars[k] : str(v);
      if (value !== undefined) args[k] = value;
    }
    svc.build = { context: resolvePath(b.context ?? '.', ctx.workingDir), args };
    if (b.dockerfile) svc.build.dockerfile = b.dockerfile;
    if (b.target) svc.build.target = b.target;
  }
  const cmd = argv(raw.command, ['command'], ctx);
  if (cmd) svc.command = cmd;
  const ep = argv(raw.entrypoint, ['entrypoint'], ctx);
  if (ep) svc.entrypoint = ep;

  Object.assign(svc.environment, ctx.envFileValues);
  for (const [k, v] of Object.entries(asNameMap(raw.environment))) svc.environment[k] = v === null ? (ctx.vars[k] ?? null) : str(v)!;
  for (const [k, v] of Object.entries(asNameMap(raw.labels))) svc.labels[k] = str(v) ?? '';
  for (const [k, v] of Object.entries(asNameMap(raw.extra_hosts, ':'))) {
    for (const ip of Array.isArray(v) ? v : [v]) svc.extraHosts.push(`${k}:${str(ip) ?? ''}`);
  }

  (raw.ports ?? []).forEach((p, i) => svc.ports.push(...parsePort(p, (m) => ctx.fail(['ports', i], m))));
  (raw.volumes ?? []).forEach((v, i) => {
    const m = parseVolume(v, ctx, (msg) => ctx.fail(['volumes', i], msg));
    if (m) svc.volumes.push(m);
  });
  const tmpfs = typeof raw.tmpfs === 'string' ? [raw.tmpfs] : (raw.tmpfs ?? []);
  tmpfs.forEach((t, i) => {
    const m = parseShortTmpfs(t, (msg) => ctx.fail(typeof raw.tmpfs === 'string' ? ['tmpfs'] : ['tmpfs', i], msg));
    if (m) svc.volumes.push(m);
  });

  if (raw.network_mode === undefined) {
    const nets = Array.isArray(raw.networks) ? Object.fromEntries(raw.networks.map((n) => [n, null])) : (raw.networks ?? { default: null });
    for (const [net, def] of Object.entries(nets)) svc.networks[net] = { aliases: def?.aliases ?? [] };
  } else {
    svc.networkMode = raw.network_mode;
    if (raw.networks !== undefined) ctx.fail(['network_mode'], `network_mode and networks cannot both be set`);
  }
  const deps = Array.isArray(raw.depends_on) ? Object.fromEntries(raw.depends_on.map((d) => [d, {}])) : (raw.depends_on ?? {});
  for (const [dep, def] of Object.entries(deps)) svc.dependsOn[dep] = { condition: ((def as { condition?: DependencyCondition }).condition ?? 'service_started') };

  const hc = raw.healthcheck;
  if (hc) {
    if (hc.disable) svc.healthcheck = { test: ['NONE'] };
    else {
      const test = typeof hc.test === 'string' ? ['CMD-SHELL', hc.test] : hc.test;
      if (test && !['CMD', 'CMD-SHELL', 'NONE'].includes(test[0]!)) ctx.fail(['healthcheck', 'test'], `healthcheck: test must start with "CMD", "CMD-SHELL" or "NONE" (got "${test[0] ?? ''}")`);
      svc.healthcheck = { test: test ?? [] };
      const d = (v: string | number | undefined) => (v === undefined ? undefined : parseDuration(v));
      if (hc.interval !== undefined) svc.healthcheck.interval = d(hc.interval);
      if (hc.timeout !== undefined) svc.healthcheck.timeout = d(hc.timeout);
      if (hc.start_period !== undefined) svc.healthcheck.startPeriod = d(hc.start_period);
      if (hc.retries !== undefined) svc.healthcheck.retries = hc.retries;
    }
  }
  if (raw.restart) svc.restart = raw.restart;
  if (raw.user !== undefined) svc.user = String(raw.user);
  if (raw.working_dir) svc.workingDir = raw.working_dir;
  if (raw.container_name) svc.containerName = raw.container_name;
  if (raw.hostname) svc.hostname = raw.hostname;
  if (raw.stop_signal) svc.stopSignal = raw.stop_signal;
  if (raw.stop_grace_period !== undefined) svc.stopGracePeriod = Math.round(parseDuration(raw.stop_grace_period)! / 1e9);
  for (const k of ['tty', 'init', 'privileged'] as const) if (raw[k] !== undefined) svc[k] = raw[k];
  if (raw.stdin_open !== undefined) svc.stdinOpen = raw.stdin_open;
  if (raw.read_only !== undefined) svc.readOnly = raw.read_only;
  const limits = raw.deploy?.resources?.limits;
  if (limits && (limits.cpus !== undefined || limits.memory !== undefined)) {
    svc.limits = {};
    if (limits.cpus !== undefined) svc.limits.cpus = Number(limits.cpus);
    if (limits.memory !== undefined) svc.limits.memory = parseBytes(limits.memory);
  }
  return svc;
}

function argv(v: string | string[] | null | undefined, at: string[], ctx: NormalizeContext): string[] | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v;
  const words = splitCommand(v);
  if (!words) ctx.fail(at, `${at[0]} has a quote that is not closed: ${v}`);
  return words;
}

export function resolvePath(p: string, base: string): string {
  if (p === '~' || p.startsWith('~/')) return path.join(homedir(), p.slice(1));
  return path.resolve(base, p);
}

const range = (s: string): [number, number] | undefined => {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return a >= 0 && b <= 65535 && a <= b ? [a, b] : undefined;
};

/** Short ("[HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]", ranges expanded) or long syntax → ports. */
export function parsePort(p: unknown, fail: (m: string) => void): ComposePort[] {
  if (typeof p === 'object' && p !== null) {
    const o = p as { target: number | string; published?: number | string; host_ip?: string; protocol?: ComposePort['protocol'] };
    const target = Number(o.target);
    if (!Number.isInteger(target) || target < 1 || target > 65535) {
      fail(`ports: target ${String(o.target)} is not a port number (1-65535)`);
      return [];
    }
    const port: ComposePort = { target, protocol: o.protocol ?? 'tcp' };
    if (o.published !== undefined && o.published !== '') {
      const pub = Number(o.published);
      if (!Number.isInteger(pub) || pub < 0 || pub > 65535) {
        fail(`ports: published "${String(o.published)}" is not a port number (0-65535)`);
        return [];
      }
      port.published = pub;
    }
    if (o.host_ip) port.hostIp = o.host_ip;
    return [port];
  }
  const text = String(p as string | number);
  const slash = text.lastIndexOf('/');
  const protocol = slash >= 0 ? text.slice(slash + 1) : 'tcp';
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp') {
    fail(`ports: "${text}" has protocol "${protocol}"; expected tcp, udp or sctp`);
    return [];
  }
  let rest = slash >= 0 ? text.slice(0, slash) : text;
  let hostIp: string | undefined;
  const v6 = /^\[([^\]]+)\]:(.*)$/.exec(rest);
  if (v6) {
    hostIp = v6[1];
    rest = v6[2]!;
  }
  const parts = rest.split(':');
  if (!v6 && parts.length === 3) hostIp = parts.shift();
  if (parts.length > 2 || (v6 && parts.length !== 2)) {
    fail(`ports: "${text}" is not "[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]"`);
    return [];
  }
  const targets = range(parts[parts.length - 1]!);
  const published = parts.length === 2 && parts[0] !== '' ? range(parts[0]!) : undefined;
  if (!targets || targets[0] < 1 || (parts.length === 2 && parts[0] !== '' && !published)) {
    fail(`ports: "${text}" has an invalid port number or range (ports are 1-65535, ranges "8000-8010")`);
    return [];
  }
  const count = targets[1] - targets[0] + 1;
  if (published && published[1] - published[0] + 1 !== count) {
    fail(`ports: "${text}" maps ranges of different lengths (${published[1] - published[0] + 1} host ports to ${count} container ports)`);
    return [];
  }
  const out: ComposePort[] = [];
  for (let i = 0; i < count; i++) {
    const port: ComposePort = { target: targets[0] + i, protocol };
    if (published) port.published = published[0] + i;
    if (hostIp) port.hostIp = hostIp;
    out.push(port);
  }
  return out;
}

/** Short ("SOURCE:TARGET[:MODE]", or a bare TARGET) or long syntax → a mount. */
function parseVolume(v: unknown, ctx: NormalizeContext, fail: (m: string) => void): ComposeMount | undefined {
  if (typeof v === 'object' && v !== null) {
    const o = v as { type: 'bind' | 'volume' | 'tmpfs'; source?: string; target: string; read_only?: boolean; tmpfs?: { size?: string | number } };
    if (o.type === 'tmpfs') {
      if (o.tmpfs?.size === undefined) return { type: 'tmpfs', target: o.target };
      const size = parseTmpfsSize(o.tmpfs.size);
      if (!size.ok) return void fail(`volumes: tmpfs size: ${size.message}`);
      return { type: 'tmpfs', target: o.target, size: size.value };
    }
    if (o.type === 'bind') {
      if (!o.source) return void fail('volumes: a bind mount needs a source (the host path)');
      return { type: 'bind', source: resolvePath(o.source, ctx.workingDir), target: o.target, readOnly: o.read_only ?? false };
    }
    return o.source ? { type: 'volume', source: o.source, target: o.target, readOnly: o.read_only ?? false } : { type: 'volume', target: o.target, readOnly: o.read_only ?? false };
  }
  const text = String(v);
  const parts = text.split(':');
  // A Windows drive letter ("C:\x:/y") would split in three; Berth's engines are Linux.
  if (parts.length === 1) {
    if (!parts[0]!.startsWith('/')) return void fail(`volumes: "${text}" must be an absolute container path, or SOURCE:TARGET`);
    return { type: 'volume', target: parts[0]!, readOnly: false };
  }
  if (parts.length > 3) return void fail(`volumes: "${text}" is not "SOURCE:TARGET[:MODE]"`);
  const [source, target, mode = 'rw'] = parts as [string, string, string?];
  if (!target.startsWith('/')) return void fail(`volumes: the container path "${target}" in "${text}" must be absolute`);
  const modes = mode.split(',');
  const bad = modes.find((m) => !['ro', 'rw', 'z', 'Z', 'cached', 'delegated', 'consistent', 'nocopy'].includes(m));
  if (bad) return void fail(`volumes: "${text}" has an unknown mode "${bad}" (expected ro or rw)`);
  const readOnly = modes.includes('ro');
  if (/^[./~]/.test(source)) return { type: 'bind', source: resolvePath(source, ctx.workingDir), target, readOnly };
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(source)) return void fail(`volumes: "${source}" is neither a path (./, / or ~) nor a volume name`);
  return { type: 'volume', source, target, readOnly };
}

/**
 * `tmpfs: TARGET[:OPTIONS]` → a tmpfs mount whose options (e.g. "size=64m,mode=1777") go to the engine
 * as written, as docker compose sends them (HostConfig.Tmpfs). A size the kernel would turn into "half
 * the RAM" is refused here, with the line, instead of being mounted that way.
 */
export function parseShortTmpfs(text: string, fail: (m: string) => void): ComposeMount | undefined {
  const colon = text.indexOf(':');
  const target = colon < 0 ? text : text.slice(0, colon);
  const options = colon < 0 ? '' : text.slice(colon + 1);
  if (!target.startsWith('/')) return void fail(`tmpfs: the container path "${target}" in "${text}" must be absolute`);
  for (const option of options.split(',')) {
    const [key, value] = option.split('=', 2) as [string, string?];
    if (key.trim() !== 'size') continue;
    // The kernel also takes a share of the RAM, "size=50%".
    if (value !== undefined && /^\s*[1-9]\d*%\s*$/.test(value)) continue;
    const size = parseTmpfsSize(value ?? '');
    if (!size.ok) return void fail(`tmpfs: "${text}": ${size.message}`);
    // These options reach the kernel as written, and it takes only a whole number and k, m, g or t.
    if (!/^\s*\d+[kmgt]?\s*$/i.test(value!)) return void fail(`tmpfs: "${text}": the kernel takes this size only as a whole number with k, m, g or t, like 64m or 1g (the long syntax also takes "64MiB")`);
  }
  return { type: 'tmpfs', target, options };
}
