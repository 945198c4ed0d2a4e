import type { ComposeProject, ComposeService } from '../../contract/models/compose.js';
import type { RunSpec } from '../../contract/domains/container-run-spec.js';
import { createOptions } from '../run/create-options.js';
import { containerName, serviceLabels } from './labels.js';

/**
 * POST /containers/create for one service: what `docker run` also sets comes from Berth's own run
 * options (create-options.ts); compose's extra fields (entrypoint, user, healthcheck, aliases, tmpfs…)
 * are added here. The first network is attached at create; the others are connected before start.
 */
export function serviceCreateBody(project: ComposeProject, svc: ComposeService, n: number): { name: string; body: Record<string, unknown>; extraNetworks: { name: string; aliases: string[] }[] } {
  const restart = svc.restart ?? 'no';
  const [policy, retries] = restart.split(':') as [RunSpec['restart']['policy'], string?];
  const spec: RunSpec = {
    image: svc.image,
    command: svc.command,
    env: Object.entries(svc.environment).flatMap(([k, v]) => (v === null ? [] : [`${k}=${v}`])),
    ports: svc.ports.map((p) => ({ containerPort: p.target, hostPort: p.published, hostIp: p.hostIp, protocol: p.protocol })),
    mounts: svc.volumes.flatMap((m) => (m.type === 'bind' ? [{ source: m.source, target: m.target, readOnly: m.readOnly }] : [])),
    volumes: svc.volumes.flatMap((m) => (m.type === 'volume' && m.source ? [{ name: project.volumes[m.source]?.name ?? m.source, target: m.target, readOnly: m.readOnly }] : [])),
    // tmpfs mounts are added below with compose's other mounts.
    tmpfs: [],
    restart: { policy, maxRetries: retries === undefined ? undefined : Number(retries) },
    cpus: svc.limits?.cpus === undefined ? undefined : Math.round(svc.limits.cpus * 1e9),
    memory: svc.limits?.memory,
    labels: serviceLabels(project, svc, n),
    autoRemove: false,
    network: undefined,
    name: undefined,
  };
  const body = createOptions(spec) as unknown as Record<string, unknown> & { HostConfig: Record<string, unknown> };
  const host = body.HostConfig;
  // Bind mounts go in Binds, as compose's short syntax sends them: the engine then creates a missing host folder instead of refusing.
  const mounts = (host.Mounts as Record<string, unknown>[]).filter((m) => m.Type !== 'bind');
  host.Mounts = mounts;
  host.Binds = svc.volumes.flatMap((m) => (m.type === 'bind' ? [`${m.source}:${m.target}:${m.readOnly ? 'ro' : 'rw'}`] : []));
  const tmpfs: Record<string, string> = {};
  for (const m of svc.volumes) {
    if (m.type === 'volume' && !m.source) mounts.push({ Type: 'volume', Target: m.target, ReadOnly: m.readOnly });
    if (m.type === 'tmpfs' && m.options !== undefined) tmpfs[m.target] = m.options;
    else if (m.type === 'tmpfs') mounts.push(m.size === undefined ? { Type: 'tmpfs', Target: m.target } : { Type: 'tmpfs', Target: m.target, TmpfsOptions: { SizeBytes: m.size } });
  }
  if (Object.keys(tmpfs).length) host.Tmpfs = tmpfs;
  const exposed = body.ExposedPorts as Record<string, object>;
  for (const e of svc.expose) exposed[e.includes('/') ? e : `${e}/tcp`] = {};
  if (svc.entrypoint) body.Entrypoint = svc.entrypoint;
  if (svc.user !== undefined) body.User = svc.user;
  if (svc.workingDir) body.WorkingDir = svc.workingDir;
  if (svc.hostname) body.Hostname = svc.hostname;
  if (svc.tty) body.Tty = true;
  if (svc.stdinOpen) body.OpenStdin = true;
  if (svc.stopSignal) body.StopSignal = svc.stopSignal;
  if (svc.stopGracePeriod !== undefined) body.StopTimeout = svc.stopGracePeriod;
  if (svc.healthcheck) {
    const h = svc.healthcheck;
    body.Healthcheck = { Test: h.test, Interval: h.interval, Timeout: h.timeout, StartPeriod: h.startPeriod, Retries: h.retries };
  }
  if (svc.init !== undefined) host.Init = svc.init;
  if (svc.privileged) host.Privileged = true;
  if (svc.readOnly) host.ReadonlyRootfs = true;
  if (svc.capAdd.length) host.CapAdd = svc.capAdd;
  if (svc.capDrop.length) host.CapDrop = svc.capDrop;
  if (svc.dns.length) host.Dns = svc.dns;
  if (svc.extraHosts.length) host.ExtraHosts = svc.extraHosts;

  const nets = Object.entries(svc.networks).map(([key, def]) => ({ name: project.networks[key]?.name ?? key, aliases: [svc.name, ...def.aliases] }));
  const extraNetworks = nets.slice(1);
  if (svc.networkMode) {
    host.NetworkMode = svc.networkMode;
  } else if (nets[0]) {
    host.NetworkMode = nets[0].name;
    body.NetworkingConfig = { EndpointsConfig: { [nets[0].name]: { Aliases: nets[0].aliases } } };
  } else {
    host.NetworkMode = 'default';
  }
  return { name: containerName(project.name, svc, n), body, extraNetworks };
}
