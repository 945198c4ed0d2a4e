import type Docker from 'dockerode';
import type { RunSpec } from '../../contract/domains/container-run-spec.js';

/** A parsed run spec → the engine's POST /containers/create body (name goes in the query). */
export function createOptions(spec: RunSpec): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of spec.ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: p.hostPort === undefined ? '' : String(p.hostPort) });
  }
  const mounts: Docker.MountSettings[] = [
    ...spec.mounts.map((m): Docker.MountSettings => ({ Type: 'bind', Source: m.source, Target: m.target, ReadOnly: m.readOnly })),
    ...spec.volumes.map((v): Docker.MountSettings => ({ Type: 'volume', Source: v.name, Target: v.target, ReadOnly: v.readOnly })),
  ];
  const hostConfig: Docker.HostConfig = {
    PortBindings: bindings,
    Mounts: mounts,
    AutoRemove: spec.autoRemove,
    RestartPolicy: { Name: spec.restart.policy === 'no' ? '' : spec.restart.policy, MaximumRetryCount: spec.restart.policy === 'on-failure' ? (spec.restart.maxRetries ?? 0) : 0 },
  };
  if (spec.cpus !== undefined) hostConfig.NanoCpus = spec.cpus;
  if (spec.memory !== undefined) hostConfig.Memory = spec.memory;
  if (spec.network) hostConfig.NetworkMode = spec.network;

  const options: Docker.ContainerCreateOptions = {
    Image: spec.image,
    Env: spec.env,
    Labels: spec.labels,
    ExposedPorts: exposed,
    HostConfig: hostConfig,
  };
  if (spec.name) options.name = spec.name;
  if (spec.command) options.Cmd = spec.command;
  return options;
}
