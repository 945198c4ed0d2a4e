import { z } from 'zod';
import { parseBytes, parseDuration } from './units.js';

/**
 * The shapes of a compose file's values (keys are judged in check-keys.ts). Scalars that compose
 * accepts as numbers or strings take both. Every message says what was expected, in words.
 */
const str = (what: string) => z.string({ error: `${what} must be a string` });
const scalar = z.union([z.string(), z.number(), z.boolean()], { error: 'must be a string, number or boolean' });
const strList = (what: string) => z.array(z.union([z.string(), z.number()]), { error: `${what} must be a list of strings` });
const stringOrList = (what: string) => z.union([z.string(), z.array(z.string())], { error: `${what} must be a string or a list of strings` });
const nameMap = (what: string) => z.union([z.array(z.string()), z.record(z.string(), scalar.nullable())], { error: `${what} must be a list of KEY=VALUE strings or a mapping` });
const duration = z.union([z.string(), z.number()], { error: 'must be a duration such as "30s" or "1m30s"' }).refine((v) => parseDuration(v) !== undefined, { error: 'is not a valid duration (use e.g. "30s", "1m30s", "500ms")' });
const bytes = z.union([z.string(), z.number()], { error: 'must be a size such as "64M" or "1g"' }).refine((v) => parseBytes(v) !== undefined, { error: 'is not a valid size (use e.g. "512k", "64M", "1g")' });
const bool = (what: string) => z.boolean({ error: `${what} must be true or false` });

const portLong = z.looseObject({
  target: z.union([z.number(), z.string()], { error: 'ports: target (the container port) is required and must be a number' }),
  published: z.union([z.number(), z.string()], { error: 'ports: published must be a port number or range' }).optional(),
  host_ip: str('ports: host_ip').optional(),
  protocol: z.enum(['tcp', 'udp', 'sctp'], { error: 'ports: protocol must be tcp, udp or sctp' }).optional(),
  mode: z.enum(['host', 'ingress'], { error: 'ports: mode must be host or ingress' }).optional(),
  name: z.string().optional(),
  app_protocol: z.string().optional(),
});

const volumeLong = z.looseObject({
  type: z.enum(['bind', 'volume', 'tmpfs'], { error: 'volumes: type must be bind, volume or tmpfs (npipe, cluster and image are not supported by Berth)' }),
  source: str('volumes: source').optional(),
  target: str('volumes: target (the path in the container) is required and').min(1, { error: 'volumes: target must not be empty' }),
  read_only: bool('volumes: read_only').optional(),
  bind: z.looseObject({ create_host_path: z.boolean().optional(), propagation: z.string().optional() }).optional(),
  volume: z.looseObject({ nocopy: z.boolean().optional() }).optional(),
  tmpfs: z.looseObject({ size: bytes.optional(), mode: z.number().optional() }).optional(),
  consistency: z.string().optional(),
});

const healthcheck = z.looseObject({
  test: z.union([z.string(), z.array(z.string())], { error: 'healthcheck: test must be a string or a list such as ["CMD", "curl", "-f", "http://localhost"]' }).optional(),
  interval: duration.optional(),
  timeout: duration.optional(),
  start_period: duration.optional(),
  start_interval: duration.optional(),
  retries: z.number({ error: 'healthcheck: retries must be a number' }).int().min(0).optional(),
  disable: bool('healthcheck: disable').optional(),
});

const dependsOn = z.union(
  [
    z.array(z.string({ error: 'depends_on entries must be service names' })),
    z.record(
      z.string(),
      z.looseObject({
        condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully'], { error: 'depends_on: condition must be service_started, service_healthy or service_completed_successfully' }).optional(),
        restart: z.boolean().optional(),
        required: z.boolean().optional(),
      }),
    ),
  ],
  { error: 'depends_on must be a list of service names or a mapping of service → {condition}' },
);

export const rawService = z.looseObject({
  image: str('image').optional(),
  build: z.union([z.string(), z.looseObject({ context: z.string().optional(), dockerfile: z.string().optional(), args: nameMap('build.args').optional(), target: z.string().optional() })], { error: 'build must be a folder path or a mapping with context, dockerfile, args and target' }).optional(),
  command: stringOrList('command').nullable().optional(),
  entrypoint: stringOrList('entrypoint').nullable().optional(),
  environment: nameMap('environment').optional(),
  env_file: z.union([z.string(), z.array(z.union([z.string(), z.looseObject({ path: z.string(), required: z.boolean().optional(), format: z.string().optional() })]))], { error: 'env_file must be a path or a list of paths' }).optional(),
  ports: z.array(z.union([z.string(), z.number(), portLong], { error: 'each port must be "HOST:CONTAINER" text, a number, or a mapping with target and published' }), { error: 'ports must be a list' }).optional(),
  expose: strList('expose').optional(),
  volumes: z.array(z.union([z.string(), volumeLong], { error: 'each volume must be "SOURCE:TARGET[:MODE]" text or a mapping with type, source and target' }), { error: 'volumes must be a list' }).optional(),
  tmpfs: stringOrList('tmpfs').optional(),
  networks: z.union([z.array(z.string()), z.record(z.string(), z.looseObject({ aliases: z.array(z.string(), { error: 'aliases must be a list of names' }).optional() }).nullable())], { error: 'networks must be a list of network names or a mapping of network → {aliases}' }).optional(),
  network_mode: z.enum(['bridge', 'host', 'none'], { error: 'network_mode must be bridge, host or none' }).optional(),
  depends_on: dependsOn.optional(),
  healthcheck: healthcheck.optional(),
  restart: z.string({ error: 'restart must be a string' }).regex(/^(no|always|unless-stopped|on-failure(:\d+)?)$/, { error: 'restart must be "no", "always", "on-failure[:max-retries]" or "unless-stopped"' }).optional(),
  labels: nameMap('labels').optional(),
  deploy: z.looseObject({
    replicas: z.number({ error: 'deploy.replicas must be a number' }).int().min(0).max(1, { error: 'deploy.replicas above 1 is not supported by Berth (yet): one container per service' }).optional(),
    resources: z.looseObject({
      limits: z.looseObject({
        cpus: z.union([z.number(), z.string()]).refine((v) => Number.isFinite(Number(v)) && Number(v) > 0, { error: 'deploy.resources.limits.cpus must be a positive number such as 0.5' }).optional(),
        memory: bytes.optional(),
      }).optional(),
    }).optional(),
  }).nullable().optional(),
  user: z.union([z.string(), z.number()], { error: 'user must be a string such as "1000" or "app:app"' }).optional(),
  working_dir: str('working_dir').optional(),
  container_name: str('container_name').regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, { error: 'container_name may contain letters, digits, "_", "." and "-", starting with a letter or digit' }).optional(),
  hostname: str('hostname').optional(),
  profiles: z.array(z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, { error: 'profile names are letters, digits, "_", "." and "-"' }), { error: 'profiles must be a list of names' }).optional(),
  extends: z.union([z.string(), z.looseObject({ service: z.string({ error: 'extends: service is required' }), file: z.string().optional() })], { error: 'extends must be a service name or a mapping with service and file' }).optional(),
  tty: bool('tty').optional(),
  stdin_open: bool('stdin_open').optional(),
  init: bool('init').optional(),
  privileged: bool('privileged').optional(),
  read_only: bool('read_only').optional(),
  cap_add: strList('cap_add').optional(),
  cap_drop: strList('cap_drop').optional(),
  dns: z.union([z.string(), strList('dns')]).optional(),
  extra_hosts: z.union([strList('extra_hosts'), z.record(z.string(), z.union([z.string(), z.array(z.string())]))], { error: 'extra_hosts must be a list of "host:ip" or a mapping' }).optional(),
  stop_signal: str('stop_signal').optional(),
  stop_grace_period: duration.optional(),
});
export type RawService = z.infer<typeof rawService>;

const resource = z
  .looseObject({
    name: str('name').optional(),
    external: z.union([z.boolean(), z.looseObject({ name: z.string().optional() })], { error: 'external must be true or false' }).optional(),
    driver: str('driver').optional(),
    labels: nameMap('labels').optional(),
  })
  .nullable();

export const rawProject = z.looseObject({
  version: z.union([z.string(), z.number()]).optional(),
  name: str('name').optional(),
  services: z.record(z.string(), z.unknown(), { error: 'services must be a mapping of service name → definition' }).optional(),
  networks: z.record(z.string(), resource, { error: 'networks must be a mapping of network name → definition' }).nullable().optional(),
  volumes: z.record(z.string(), resource, { error: 'volumes must be a mapping of volume name → definition' }).nullable().optional(),
});
export type RawProject = z.infer<typeof rawProject>;
