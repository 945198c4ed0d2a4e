/**
 * Turns `GET /containers/{id}/json` (inspect) into what `POST /containers/create` needs to recreate the
 * same container: name, Config, HostConfig and the network endpoints. Pure; Docker JSON stays in engine/.
 */

type Json = Record<string, unknown>;

export interface EndpointSpec {
  network: string;
  config: Json;
}

export interface AnonymousVolume {
  name: string;
  destination: string;
}

/** Everything needed to recreate a container, as kept on disk. */
export interface CreateSpec {
  name: string;
  image: string;
  imageId: string;
  containerId: string;
  wasRunning: boolean;
  /** Body of POST /containers/create without NetworkingConfig. */
  body: Json;
  /** The primary network (HostConfig.NetworkMode) endpoint, given at create. */
  primaryEndpoint?: EndpointSpec;
  /** Further user-defined networks, connected after create. */
  extraEndpoints: EndpointSpec[];
  /** Anonymous volumes: re-attached on restore when they still exist. */
  anonymousVolumes: AnonymousVolume[];
  summary: {
    ports: string[];
    mounts: string[];
    networks: string[];
    restartPolicy: string;
    labels: Record<string, string>;
  };
}

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Config fields create accepts; the rest of inspect's Config (e.g. Hostname when defaulted) is not copied. */
const CONFIG_FIELDS = [
  'Domainname', 'User', 'AttachStdin', 'AttachStdout', 'AttachStderr', 'ExposedPorts', 'Tty', 'OpenStdin', 'StdinOnce',
  'Env', 'Cmd', 'Healthcheck', 'ArgsEscaped', 'Image', 'Volumes', 'WorkingDir', 'Entrypoint', 'NetworkDisabled',
  'MacAddress', 'OnBuild', 'Labels', 'StopSignal', 'StopTimeout', 'Shell',
] as const;

/** Endpoint fields that describe what the user asked for (not what the engine assigned). */
function endpointConfig(raw: Json, containerId: string): Json {
  const out: Json = {};
  const aliases = (Array.isArray(raw.Aliases) ? raw.Aliases : []).filter(
    (a): a is string => typeof a === 'string' && !containerId.startsWith(a) && a !== containerId.slice(0, 12),
  );
  if (aliases.length) out.Aliases = aliases;
  const ipam = obj(raw.IPAMConfig);
  if (Object.keys(ipam).length) out.IPAMConfig = ipam;
  if (Array.isArray(raw.Links) && raw.Links.length) out.Links = raw.Links;
  const driverOpts = obj(raw.DriverOpts);
  if (Object.keys(driverOpts).length) out.DriverOpts = driverOpts;
  return out;
}

function portsSummary(hostConfig: Json): string[] {
  const out: string[] = [];
  for (const [port, bindings] of Object.entries(obj(hostConfig.PortBindings))) {
    for (const b of Array.isArray(bindings) ? bindings : []) {
      const ip = str(obj(b).HostIp);
      const hp = str(obj(b).HostPort);
      out.push(`${ip ? `${ip}:` : ''}${hp || '(random)'}→${port}`);
    }
  }
  return out;
}

export function createSpecFromInspect(inspect: unknown): CreateSpec {
  const info = obj(inspect);
  const config = obj(info.Config);
  const hostConfig = { ...obj(info.HostConfig) };
  const containerId = str(info.Id);
  const name = str(info.Name).replace(/^\//, '');
  if (!containerId || !name) throw new Error('inspect data without Id or Name');

  const body: Json = {};
  for (const f of CONFIG_FIELDS) if (config[f] !== undefined && config[f] !== null) body[f] = config[f];
  const hostname = str(config.Hostname);
  if (hostname && hostname !== containerId.slice(0, 12)) body.Hostname = hostname;
  body.HostConfig = hostConfig;

  const networks = obj(obj(info.NetworkSettings).Networks);
  const mode = str(hostConfig.NetworkMode) || 'default';
  const primaryName = mode === 'default' ? 'bridge' : mode;
  let primaryEndpoint: EndpointSpec | undefined;
  const extraEndpoints: EndpointSpec[] = [];
  for (const [network, raw] of Object.entries(networks)) {
    const spec = { network, config: endpointConfig(obj(raw), containerId) };
    if (network === primaryName) primaryEndpoint = spec;
    else if (!/^(host|none|container:)/.test(mode)) extraEndpoints.push(spec);
  }

  const declared = new Set<string>();
  for (const m of Array.isArray(hostConfig.Mounts) ? hostConfig.Mounts : []) declared.add(str(obj(m).Target));
  for (const b of Array.isArray(hostConfig.Binds) ? hostConfig.Binds : []) declared.add(str(b).split(':')[1] ?? '');
  const anonymousVolumes: AnonymousVolume[] = [];
  const mounts: string[] = [];
  for (const raw of Array.isArray(info.Mounts) ? info.Mounts : []) {
    const m = obj(raw);
    const type = str(m.Type);
    const destination = str(m.Destination);
    if (type === 'volume' && !declared.has(destination) && str(m.Name)) {
      anonymousVolumes.push({ name: str(m.Name), destination });
      mounts.push(`anonymous volume → ${destination}`);
    } else if (type === 'volume') mounts.push(`${str(m.Name)} → ${destination} (volume)`);
    else if (type === 'tmpfs') mounts.push(`tmpfs → ${destination}`);
    else mounts.push(`${str(m.Source)} → ${destination} (${type || 'bind'})`);
  }
  // `--tmpfs` mounts are only in HostConfig.Tmpfs ({"/run": "size=64m"}); `--mount type=tmpfs` ones were listed above.
  for (const destination of Object.keys(obj(hostConfig.Tmpfs))) if (!mounts.includes(`tmpfs → ${destination}`)) mounts.push(`tmpfs → ${destination}`);

  const policy = obj(hostConfig.RestartPolicy);
  const policyName = str(policy.Name) || 'no';
  const restartPolicy = policyName === 'on-failure' && Number(policy.MaximumRetryCount) > 0 ? `on-failure:${String(policy.MaximumRetryCount)}` : policyName;
  const state = obj(info.State);
  const labels = Object.fromEntries(Object.entries(obj(config.Labels)).filter((e): e is [string, string] => typeof e[1] === 'string'));

  return {
    name,
    image: str(config.Image) || str(info.Image),
    imageId: str(info.Image),
    containerId,
    wasRunning: state.Running === true || state.Paused === true || state.Restarting === true,
    body,
    primaryEndpoint,
    extraEndpoints,
    anonymousVolumes,
    summary: {
      ports: portsSummary(hostConfig),
      mounts,
      networks: Object.keys(networks),
      restartPolicy,
      labels,
    },
  };
}
