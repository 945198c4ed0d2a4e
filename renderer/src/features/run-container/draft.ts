import { splitPortProtocol } from '../../../../contract/domains/container-run-parse.js';
import { runSpecSchema, type RunSpecInput } from '../../../../contract/domains/container-run-spec.js';
import type { RunIssue } from '../../../../contract/models/container-run.js';
import type { RunPrefill } from './store.js';

/** What the dialog's inputs hold: text as typed, rows as added. Pure data; the schema parses it. */
export interface PortRow {
  key: number;
  hostIp: string;
  hostPort: string;
  containerPort: string;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface MountRow {
  key: number;
  source: string;
  target: string;
  readOnly: boolean;
}

export interface VolumeRow {
  key: number;
  name: string;
  target: string;
  readOnly: boolean;
}

/** A tmpfs mount: a path in the container backed by memory, optionally capped ("64m"). */
export interface TmpfsRow {
  key: number;
  target: string;
  size: string;
}

export type RestartPolicy = 'no' | 'always' | 'unless-stopped' | 'on-failure';

export interface RunDraft {
  image: string;
  name: string;
  command: string;
  env: string;
  ports: PortRow[];
  mounts: MountRow[];
  volumes: VolumeRow[];
  tmpfs: TmpfsRow[];
  network: string;
  restart: RestartPolicy;
  maxRetries: string;
  cpus: string;
  memory: string;
  labels: string;
  autoRemove: boolean;
  /** Next row key (stable React keys across add/remove). */
  nextKey: number;
}

export const emptyPort = (key: number, containerPort = '', protocol: PortRow['protocol'] = 'tcp'): PortRow => ({ key, hostIp: '', hostPort: '', containerPort, protocol });
/** A container port as typed: "53/udp" (pasted from `docker ps` or docs) becomes 53 with the udp protocol. */
export function containerPortPatch(text: string): Pick<PortRow, 'containerPort'> | Pick<PortRow, 'containerPort' | 'protocol'> {
  const split = splitPortProtocol(text);
  return split ? { containerPort: split.port, protocol: split.protocol } : { containerPort: text };
}
/**
 * A whole `docker run -p` value pasted (or typed, then left) into a port row's host or container port
 * field: "8080:80", "8080:80/udp", "127.0.0.1:8080:80", "127.0.0.1::80" (random host port),
 * "[::1]:8080:80", and ranges: "8080-8081:80-81", "127.0.0.1:8080-8081:80-81/udp". The row's fields it fills: the host IP only when it names one, the protocol tcp
 * unless it says otherwise, as `docker run` reads it. Undefined for anything else.
 */
export function publishSpecPatch(text: string): Partial<Omit<PortRow, 'key'>> | undefined {
  const m = /^\s*(?:(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]):)?((?:\d+(?:-\d+)?)?):(\d+(?:-\d+)?)(?:\/(tcp|udp|sctp))?\s*$/i.exec(text);
  if (!m) return undefined;
  const [, ip, hostPort = '', containerPort = '', protocol] = m;
  if (!ip && !hostPort) return undefined;
  const patch: Partial<Omit<PortRow, 'key'>> = { hostPort, containerPort, protocol: (protocol?.toLowerCase() ?? 'tcp') as PortRow['protocol'] };
  if (ip) patch.hostIp = ip.replace(/^\[|\]$/g, '');
  return patch;
}
export const emptyMount = (key: number, target = ''): MountRow => ({ key, source: '', target, readOnly: false });
export const emptyVolume = (key: number, target = ''): VolumeRow => ({ key, name: '', target, readOnly: false });
export const emptyTmpfs = (key: number): TmpfsRow => ({ key, target: '', size: '' });

/**
 * A draft from what opened the dialog: the image, its exposed ports as port rows (host port left
 * empty = a random one, so nothing clashes by default) and its declared volumes as volume rows.
 */
export function draftFromPrefill(prefill: RunPrefill | null | undefined): RunDraft {
  let key = 0;
  const ports = (prefill?.exposedPorts ?? []).flatMap((p) => {
    const m = /^(\d+)(?:\/(tcp|udp|sctp))?$/.exec(p.trim());
    return m ? [emptyPort(key++, m[1], (m[2] as PortRow['protocol'] | undefined) ?? 'tcp')] : [];
  });
  const volumes = (prefill?.volumes ?? []).filter((v) => v.startsWith('/')).map((target) => emptyVolume(key++, target));
  return {
    image: prefill?.image ?? '',
    name: '',
    command: '',
    env: '',
    ports,
    mounts: [],
    volumes,
    tmpfs: [],
    network: '',
    restart: 'no',
    maxRetries: '',
    cpus: '',
    memory: '',
    labels: '',
    autoRemove: false,
    nextKey: key,
  };
}

/** Each list's rows that say something: a row left completely empty runs nothing and is dropped. */
const filled = {
  ports: (d: RunDraft) => d.ports.filter((p) => p.hostIp.trim() || p.hostPort.trim() || p.containerPort.trim()),
  mounts: (d: RunDraft) => d.mounts.filter((m) => m.source.trim() || m.target.trim()),
  volumes: (d: RunDraft) => d.volumes.filter((v) => v.name.trim() || v.target.trim()),
  tmpfs: (d: RunDraft) => d.tmpfs.filter((t) => t.target.trim() || t.size.trim()),
};

const lines = (text: string) => text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');

/** The draft as the contract's run spec input (rows left completely empty are dropped). */
export function specInput(d: RunDraft): RunSpecInput {
  return {
    image: d.image,
    name: d.name,
    command: d.command,
    env: lines(d.env),
    ports: filled.ports(d).map((p) => ({ hostIp: p.hostIp, hostPort: p.hostPort, containerPort: p.containerPort, protocol: p.protocol })),
    mounts: filled.mounts(d).map((m) => ({ source: m.source, target: m.target, readOnly: m.readOnly })),
    volumes: filled.volumes(d).map((v) => ({ name: v.name, target: v.target, readOnly: v.readOnly })),
    tmpfs: filled.tmpfs(d).map((t) => ({ target: t.target, size: t.size })),
    network: d.network,
    restart: { policy: d.restart, maxRetries: d.restart === 'on-failure' ? d.maxRetries : '' },
    cpus: d.cpus,
    memory: d.memory,
    labels: lines(d.labels),
    autoRemove: d.autoRemove,
  };
}

/**
 * Closing would lose something: the draft would run another container than the one it opened with.
 * Row keys, rows left empty and blank lines do not count (they run nothing); a prefilled row removed does.
 */
export function isDraftDirty(d: RunDraft, initial: RunDraft): boolean {
  return JSON.stringify(specInput(d)) !== JSON.stringify(specInput(initial));
}

/**
 * Spec fields use indexes into the filtered lists; the dialog addresses rows by key. Map a spec
 * field ("ports.1.hostPort") to the draft's field id ("ports.<key>.hostPort"); line lists
 * ("env.2") map to their textarea ("env").
 */
export function draftField(d: RunDraft, field: string): string {
  const [list, index, sub] = field.split('.');
  const i = Number(index);
  if (list === 'env' || list === 'labels') return list;
  const rows = list !== undefined && Object.hasOwn(filled, list) ? filled[list as keyof typeof filled](d) : undefined;
  if (rows && Number.isInteger(i) && rows[i]) return `${list}.${rows[i].key}${sub ? `.${sub}` : ''}`;
  if (list === 'restart') return index === 'maxRetries' ? 'maxRetries' : 'restart';
  return list ?? field;
}

export type FieldErrors = Record<string, string>;

/** Issues (from zod or from the back end) → one message per draft field; several on a field are joined. */
export function errorsByField(d: RunDraft, issues: readonly RunIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const f = draftField(d, issue.field);
    out[f] = out[f] && !out[f].includes(issue.message) ? `${out[f]}; ${issue.message}` : (out[f] ?? issue.message);
  }
  return out;
}

/** Run the shared schema on the draft: the same checks the back end makes, instantly. */
export function clientIssues(d: RunDraft): RunIssue[] {
  const r = runSpecSchema.safeParse(specInput(d));
  return r.success ? [] : r.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
}
