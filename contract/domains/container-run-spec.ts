import { z } from 'zod';
import {
  parseCommand,
  parseContainerName,
  parseCpus,
  parseHostIp,
  parseImageReference,
  parseKeyValue,
  parseContainerPort,
  parseMemory,
  parsePortRange,
  parseTmpfsSize,
  portRangesProblem,
  parseVolumeName,
  type Parsed,
} from './container-run-parse.js';
import { containerIdSchema } from './container-id.js';

/**
 * The run spec as the user types it (strings are fine where the CLI takes strings: "0.5" CPUs,
 * "256m" memory, "8080" ports, a shell-like command line), parsed into engine-ready values. The same
 * schema validates in the dialog (field-level messages) and at the back end (the contract's args).
 */

/** A zod transform from a Parsed<T> function: its message becomes a custom issue on that field. */
function via<I, O>(parse: (v: I) => Parsed<O>) {
  return (value: I, ctx: z.RefinementCtx): O => {
    const r = parse(value);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  };
}

/** Text of at most `max` characters; longer text is refused with a message naming the field (never zod's own "Too big"). */
const textUpTo = (what: string, max: number) => z.string().max(max, `${what} must be at most ${max.toLocaleString('en-US')} characters`);

const numberOrText = (what: string) => z.union([z.number(), textUpTo(what, 64)]);
/** Empty text (or absent) means "not set". */
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

const optionalParsed = <O>(what: string, parse: (v: string | number) => Parsed<O>) =>
  numberOrText(what)
    .optional()
    .transform((v, ctx): O | undefined => (blank(v) ? undefined : via(parse)(v!, ctx)));

export const memorySchema = optionalParsed('Memory limit', parseMemory);
export const cpusSchema = optionalParsed('CPUs', parseCpus);

const absolutePath = (what: string) =>
  textUpTo(what, 4096)
    .transform((v) => v.trim())
    .refine((v) => v.length > 0, `${what} is required`)
    .refine((v) => v.length === 0 || v.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(v), `${what} must be an absolute path, e.g. /srv/site`);

export const portSpecSchema = z
  .object({
    /** Host address to publish on; empty = all interfaces. */
    hostIp: textUpTo('Host IP', 64)
      .optional()
      .transform((v, ctx) => (blank(v) ? undefined : via(parseHostIp)(v!, ctx))),
    /** Empty = a random free port chosen by the engine; a range ("8080-8081") as `docker run -p` takes it. */
    hostPort: numberOrText('Host port').optional().transform((v, ctx) => (blank(v) ? undefined : via((x: string | number) => parsePortRange(x, 'Host port'))(v!, ctx))),
    /** "80", 80, "80-81", or "80/tcp" / "53/udp" as `docker ps` shows them: a suffix sets the protocol. */
    containerPort: numberOrText('Container port').transform(via(parseContainerPort)),
    protocol: z.enum(['tcp', 'udp', 'sctp'], { error: 'Protocol must be tcp, udp or sctp' }).default('tcp'),
  })
  .strict()
  .superRefine((p, ctx) => {
    const problem = portRangesProblem(p.hostPort, p.containerPort);
    if (problem) ctx.addIssue({ code: 'custom', path: ['hostPort'], message: problem });
  })
  .transform(({ containerPort, hostPort, ...p }): PortSpec => {
    const out: PortSpec = { ...p, containerPort: containerPort.port, protocol: containerPort.protocol ?? p.protocol };
    if (hostPort) out.hostPort = hostPort.port;
    if (hostPort?.end !== undefined) out.hostPortEnd = hostPort.end;
    if (containerPort.end !== undefined) out.containerPortEnd = containerPort.end;
    return out;
  });

/**
 * One published port (or range) of a run spec. A range is `port`…`portEnd` (inclusive); a container
 * range maps port to port onto a host range of the same length (or random host ports); a host range
 * with a single container port lets the engine pick one free host port in it, as `docker run -p` does.
 */
export interface PortSpec {
  hostIp?: string | undefined;
  hostPort?: number | undefined;
  hostPortEnd?: number;
  containerPort: number;
  containerPortEnd?: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

/** True when the engine picks one free host port in the host range (a host range for a single container port). */
export const picksInHostRange = (p: Pick<PortSpec, 'hostPortEnd' | 'containerPortEnd'>): boolean => p.hostPortEnd !== undefined && p.containerPortEnd === undefined;

/**
 * The host ports a published port takes for sure, one for each container port of its range; none
 * when the engine picks them (no host port given, or a host range for a single container port).
 */
export function fixedHostPorts(p: Pick<PortSpec, 'hostPort' | 'hostPortEnd' | 'containerPortEnd'>): number[] {
  const first = p.hostPort;
  if (first === undefined || picksInHostRange(p)) return [];
  return Array.from({ length: (p.hostPortEnd ?? first) - first + 1 }, (_, i) => first + i);
}

/** Why ports and the host network do not go together (the engine would drop the ports with only a warning). */
export const hostNetworkPortsMessage =
  'Published ports do not apply with the host network: the container uses this computer’s ports directly. Remove the ports or pick another network.';

export const bindMountSchema = z
  .object({
    source: absolutePath('Host path'),
    target: absolutePath('Container path'),
    readOnly: z.boolean().default(false),
  })
  .strict();

export const volumeMountSchema = z
  .object({
    name: textUpTo('Volume name', 255).transform(via(parseVolumeName)),
    target: absolutePath('Container path'),
    readOnly: z.boolean().default(false),
  })
  .strict();

/** A tmpfs (in-memory) mount: `--tmpfs /run` or `--mount type=tmpfs,target=/run,tmpfs-size=64m`. */
export const tmpfsMountSchema = z
  .object({
    target: absolutePath('Container path'),
    /** e.g. "64m"; empty = the kernel's default (half the engine's memory). */
    size: optionalParsed('Tmpfs size', parseTmpfsSize),
  })
  .strict();

export const restartPolicies = ['no', 'always', 'unless-stopped', 'on-failure'] as const;

const restartSchema = z
  .object({
    policy: z.enum(restartPolicies, { error: 'Restart policy must be no, always, unless-stopped or on-failure' }).default('no'),
    maxRetries: numberOrText('Maximum retries').optional().transform((v, ctx) => {
      if (blank(v)) return undefined;
      const n = typeof v === 'number' ? v : /^\d+$/.test(String(v).trim()) ? Number(String(v).trim()) : NaN;
      if (Number.isSafeInteger(n) && n >= 0) return n;
      ctx.addIssue({ code: 'custom', message: `Maximum retries must be a whole number of 0 or more (got "${String(v)}")` });
      return z.NEVER;
    }),
  })
  .strict();

const keyValueList = (what: string, keyPattern?: RegExp) =>
  z
    .array(z.string().max(65_536))
    .max(1000)
    .default([])
    .transform((items, ctx) => {
      const out: [string, string][] = [];
      items.forEach((raw, i) => {
        if (!raw.trim()) return;
        const r = parseKeyValue(raw, what, keyPattern);
        if (r.ok) out.push(r.value);
        else ctx.addIssue({ code: 'custom', message: r.message, path: [i] });
      });
      return out;
    });

export const runSpecSchema = z
  .object({
    image: textUpTo('Image reference', 512).transform((v, ctx) => via(parseImageReference)(v, ctx).reference),
    name: textUpTo('Container name', 255)
      .optional()
      .transform((v, ctx) => (blank(v) ? undefined : via(parseContainerName)(v!, ctx))),
    /** A shell-like line ("httpd -f -p 80") or argv; empty = the image's default command. */
    command: z
      .union([z.string().max(65_536), z.array(z.string().max(65_536)).max(1000)])
      .optional()
      .transform((v, ctx): string[] | undefined => {
        if (v === undefined) return undefined;
        const argv = Array.isArray(v) ? v : via(parseCommand)(v, ctx);
        return Array.isArray(argv) && argv.length > 0 ? argv : undefined;
      }),
    /** KEY=VALUE lines. */
    env: keyValueList('Environment variable', /^[^\s=]+$/).transform((pairs) => pairs.map(([k, v]) => `${k}=${v}`)),
    ports: z.array(portSpecSchema).max(200).default([]),
    mounts: z.array(bindMountSchema).max(100).default([]),
    volumes: z.array(volumeMountSchema).max(100).default([]),
    tmpfs: z.array(tmpfsMountSchema).max(100).default([]),
    /** A network name or id; empty = the engine's default bridge. */
    network: z
      .string()
      .max(255)
      .optional()
      .transform((v) => (blank(v) ? undefined : v!.trim())),
    restart: restartSchema.prefault({ policy: 'no' }),
    /** CPUs, e.g. 0.5 or "1.5" → NanoCpus. */
    cpus: cpusSchema,
    /** e.g. "256m", "1g" → bytes. */
    memory: memorySchema,
    /** KEY=VALUE lines. */
    labels: keyValueList('Label').transform((pairs) => Object.fromEntries(pairs) as Record<string, string>),
    autoRemove: z.boolean().default(false),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.autoRemove && spec.restart.policy !== 'no') {
      ctx.addIssue({ code: 'custom', path: ['restart', 'policy'], message: 'Auto-remove can’t be combined with a restart policy: choose one' });
    }
    if (spec.restart.maxRetries !== undefined && spec.restart.policy !== 'on-failure') {
      ctx.addIssue({ code: 'custom', path: ['restart', 'maxRetries'], message: 'Maximum retries only applies to the on-failure policy' });
    }
    if (spec.network === 'host' && spec.ports.length > 0) ctx.addIssue({ code: 'custom', path: ['network'], message: hostNetworkPortsMessage });
    const hostPorts = new Map<string, number>();
    spec.ports.forEach((p, i) => {
      const twice = fixedHostPorts(p).find((port) => hostPorts.has(`${port}/${p.protocol}`));
      if (twice !== undefined) ctx.addIssue({ code: 'custom', path: ['ports', i, 'hostPort'], message: `Host port ${twice}/${p.protocol} is published twice` });
      else for (const port of fixedHostPorts(p)) hostPorts.set(`${port}/${p.protocol}`, i);
    });
    const targets = new Set<string>();
    const checkTarget = (list: 'mounts' | 'volumes' | 'tmpfs', i: number, target: string) => {
      const t = target.replace(/\/+$/, '') || '/';
      if (targets.has(t)) ctx.addIssue({ code: 'custom', path: [list, i, 'target'], message: `Container path ${t} is mounted twice` });
      targets.add(t);
    };
    spec.mounts.forEach((m, i) => checkTarget('mounts', i, m.target));
    spec.volumes.forEach((v, i) => checkTarget('volumes', i, v.target));
    spec.tmpfs.forEach((t, i) => checkTarget('tmpfs', i, t.target));
  });

export type RunSpecInput = z.input<typeof runSpecSchema>;
export type RunSpec = z.output<typeof runSpecSchema>;

export const containerUpdateSchema = z
  .object({
    id: containerIdSchema,
    cpus: cpusSchema,
    memory: memorySchema,
  })
  .strict()
  .refine((u) => u.cpus !== undefined || u.memory !== undefined, { message: 'Give a CPU or memory limit to change', path: ['memory'] });

export type ContainerUpdateInput = z.input<typeof containerUpdateSchema>;
