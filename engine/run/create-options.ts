import type { RunSpec } from '../../contract/domains/container-run-spec.js';

interface Mount {
  Type: 'bind' | 'volume' | 'tmpfs';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  TmpfsOptions?: { SizeBytes: number };
}

/** The engine's POST /containers/create body, the fields Berth sets, plus the name (which goes in the query). */
export interface CreateBody {
  name?: string;
  Image: string;
  Env: string[];
  Labels: Record<string, string>;
  ExposedPorts: Record<string, object>;
  HostConfig: {
    PortBindings: Record<string, { HostIp: string; HostPort: string }[]>;
    Mounts: Mount[];
    AutoRemove: boolean;
    RestartPolicy: { Name: string; MaximumRetryCount: number };
    NanoCpus?: number;
    Memory?: number;
    NetworkMode?: string;
  };
  Cmd?: string[];
}

/** A parsed run spec → the engine's POST /containers/create body (name goes in the query). */
export function createOptions(spec: RunSpec): CreateBody {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of spec.ports) {
    // A range publishes each of its ports, as `docker run -p 8080-8081:80-81` does: container port
    // n + i on host port m + i (or a random one); a host range for one container port is passed on
    // whole ("8080-8090"), and the engine picks a free port in it.
    const last = p.containerPortEnd ?? p.containerPort;
    for (let i = 0; p.containerPort + i <= last; i++) {
      const key = `${p.containerPort + i}/${p.protocol}`;
      const hostPort = p.hostPort === undefined ? '' : p.hostPortEnd !== undefined && p.containerPortEnd === undefined ? `${p.hostPort}-${p.hostPortEnd}` : String(p.hostPort + i);
      exposed[key] = {};
      (bindings[key] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: hostPort });
    }
  }
  const mounts: Mount[] = [
    ...spec.mounts.map((m): Mount => ({ Type: 'bind', Source: m.source, Target: m.target, ReadOnly: m.readOnly })),
    ...spec.volumes.map((v): Mount => ({ Type: 'volume', Source: v.name, Target: v.target, ReadOnly: v.readOnly })),
    ...spec.tmpfs.map((t): Mount => (t.size === undefined ? { Type: 'tmpfs', Target: t.target } : { Type: 'tmpfs', Target: t.target, TmpfsOptions: { SizeBytes: t.size } })),
  ];
  const hostConfig: CreateBody['HostConfig'] = {
    PortBindings: bindings,
    Mounts: mounts,
    AutoRemove: spec.autoRemove,
    RestartPolicy: { Name: spec.restart.policy === 'no' ? '' : spec.restart.policy, MaximumRetryCount: spec.restart.policy === 'on-failure' ? (spec.restart.maxRetries ?? 0) : 0 },
  };
  if (spec.cpus !== undefined) hostConfig.NanoCpus = spec.cpus;
  if (spec.memory !== undefined) hostConfig.Memory = spec.memory;
  if (spec.network) hostConfig.NetworkMode = spec.network;

  const options: CreateBody = {
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
