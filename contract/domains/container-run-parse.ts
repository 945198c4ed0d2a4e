/**
 * Pure parsers for what a user types in the run dialog (and what the back end re-checks): image
 * references, memory sizes, CPU counts, shell-like commands, container and volume names. Each returns
 * either a value or a readable message; no zod, no I/O, so the dialog and the engine share them.
 */

import { objectNameProblem } from './object-name.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Docker's container (and local volume) name grammar: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`. */
export const containerNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** The name's problem said by what is wrong ('cannot contain spaces or "!": use only …'), not by the whole grammar. */
const nameFailure = <T>(what: string, shown: string, name: string): Parsed<T> =>
  fail(`Invalid ${what} name "${shown}": ${objectNameProblem(name) ?? 'use letters, digits, "_", "." and "-", starting with a letter or a digit'}`);

export function parseContainerName(raw: string): Parsed<string> {
  const name = raw.trim().replace(/^\//, '');
  return containerNamePattern.test(name) ? ok(name) : nameFailure('container', raw.trim(), name);
}

export function parseVolumeName(raw: string): Parsed<string> {
  const name = raw.trim();
  if (!name) return fail('Volume name is required');
  return containerNamePattern.test(name) ? ok(name) : nameFailure('volume', name, name);
}

// distribution/reference grammar.
const pathComponent = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const domainPattern = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?$/;
const ipv6Domain = /^\[[0-9a-fA-F:.]+\](?::[0-9]+)?$/;
const tagPattern = /^[\w][\w.-]{0,127}$/;
const digestPattern = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

export interface ImageReference {
  /** Registry host (and port), when the reference names one. */
  domain?: string;
  /** Repository path without the domain, e.g. library/nginx or berth-test/busybox. */
  path: string;
  tag?: string;
  digest?: string;
  /** The reference as typed (trimmed), e.g. nginx:1.27. */
  reference: string;
}

/**
 * Check an image reference the way the engine does (distribution/reference), with a message saying
 * what is wrong, e.g. `Invalid image reference "Foo:bar": repository names must be lowercase`.
 */
export function parseImageReference(raw: string): Parsed<ImageReference> {
  const reference = raw.trim();
  if (!reference) return fail('Image is required, e.g. nginx:latest');
  const bad = (why: string) => fail<ImageReference>(`Invalid image reference "${reference}": ${why}`);
  if (/\s/.test(reference)) return bad('it must not contain spaces');

  let rest = reference;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestPattern.test(digest)) return bad('the digest must look like sha256:<64 hex digits>');
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!tag) return bad('the tag after ":" is empty');
    if (!tagPattern.test(tag)) return bad('tags use letters, digits, _ . - (up to 128, not starting with . or -)');
  }
  if (!rest) return bad('the repository name is missing');
  if (rest.length > 255) return bad('the repository name is longer than 255 characters');

  let domain: string | undefined;
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase()) {
      domain = first;
      path = rest.slice(slash + 1);
      if (!domainPattern.test(domain) && !ipv6Domain.test(domain)) return bad(`"${domain}" is not a valid registry host`);
    }
  }
  if (!path) return bad('the repository name is missing');
  for (const component of path.split('/')) {
    if (!component) return bad('the repository name has an empty path component ("//" or a trailing "/")');
    if (component !== component.toLowerCase()) return bad('repository names must be lowercase');
    if (!pathComponent.test(component)) {
      return bad('repository names use lowercase letters, digits and single separators (. _ __ -), starting and ending with a letter or digit');
    }
  }
  const value: ImageReference = { path, reference };
  if (domain !== undefined) value.domain = domain;
  if (tag !== undefined) value.tag = tag;
  if (digest !== undefined) value.digest = digest;
  return ok(value);
}

const MiB = 1024 * 1024;
/** The engine's floor for a memory limit (6 MiB). */
export const minMemoryBytes = 6 * MiB;
const memoryUnits: Record<string, number> = { '': 1, b: 1, k: 1024, m: MiB, g: 1024 * MiB, t: 1024 * 1024 * MiB };
export const memoryHint = 'Memory limit must be like 512m or 2g, at least 6m';

/**
 * "256m", "1g", "1.5g", "512MiB", "64Mi", "1048576" (bytes) → bytes (binary units, like the docker CLI
 * and docker compose); undefined when not a size. Shared by the run dialog and compose files.
 */
export function sizeBytes(raw: string | number): number | undefined {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? raw : undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)i?b?$/i.exec(raw.trim());
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * memoryUnits[m[2]!.toLowerCase()]!);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

const shown = (raw: string | number) => (typeof raw === 'number' ? String(raw) : raw.trim());

/** A memory limit, e.g. "256m" or "1g" → bytes; at least the engine's 6 MiB floor. */
export function parseMemory(raw: string | number): Parsed<number> {
  const bytes = sizeBytes(raw);
  if (bytes === undefined || bytes < minMemoryBytes) return fail(typeof raw === 'number' ? memoryHint : `${memoryHint} (got "${shown(raw)}")`);
  return ok(bytes);
}

export const tmpfsSizeHint = 'Tmpfs size must be like 64m or 1g, more than 0';

/** A tmpfs size, e.g. "64m" → bytes. The kernel would round a bogus or zero size to "half the RAM", so those are refused. */
export function parseTmpfsSize(raw: string | number): Parsed<number> {
  const bytes = sizeBytes(raw);
  if (bytes === undefined || bytes <= 0) return fail(`${tmpfsSizeHint} (got "${shown(raw)}")`);
  return ok(bytes);
}

/** Bytes → the shortest exact form the parser accepts back, e.g. 268435456 → "256m". */
export function formatMemory(bytes: number): string {
  for (const [unit, size] of [['g', 1024 * MiB], ['m', MiB], ['k', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

export const cpusHint = 'CPUs must be a number greater than 0, like 0.5 or 2';

/** "0.5" → 500000000 NanoCpus (the engine's unit); at most 3 decimals, more than 0. */
export function parseCpus(raw: string | number): Parsed<number> {
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(text)) return fail(`${cpusHint} (got "${text}")`);
  const nano = Math.round(Number(text) * 1e9);
  if (!(nano > 0)) return fail(`${cpusHint} (got "${text}")`);
  if (nano < 1e7) return fail('CPUs must be at least 0.01');
  if (!Number.isSafeInteger(nano)) return fail(`${cpusHint} (got "${text}")`);
  return ok(nano);
}

/**
 * Split a command line into argv the way a POSIX shell would for words: whitespace separates,
 * 'single quotes' are literal, "double quotes" allow \" \\ \$ \` escapes, a backslash outside quotes
 * escapes the next character. No expansion, pipes or redirections: it is argv, not a shell.
 */
export function parseCommand(line: string): Parsed<string[]> {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) return fail('Command ends with a lone backslash');
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) return fail(`Command has an unclosed ${quote} quote`);
  if (inWord) argv.push(word);
  return ok(argv);
}

/** "KEY=VALUE" → [key, value]; `what` names the list in messages ("Environment variable", "Label"). */
export function parseKeyValue(raw: string, what: string, keyPattern?: RegExp): Parsed<[string, string]> {
  const eq = raw.indexOf('=');
  const key = (eq < 0 ? raw : raw.slice(0, eq)).trim();
  if (eq < 0) return fail(`${what} "${raw.trim()}" must be KEY=VALUE`);
  if (!key) return fail(`${what} "${raw.trim()}" has no name before "="`);
  if (keyPattern && !keyPattern.test(key)) return fail(`${what} name "${key}" is not valid`);
  return ok([key, raw.slice(eq + 1)]);
}

/** A TCP/UDP port given as a number or digits: 1–65535. */
export function parsePort(raw: string | number, what: string): Parsed<number> {
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 65535)) return fail(`${what} must be a number from 1 to 65535 (got "${text}")`);
  return ok(n);
}

/** A port or an inclusive range of ports ("8080-8081", as `docker run -p` takes it); `end` only when it is a range of 2 or more. */
export interface PortRange {
  port: number;
  end?: number;
}

/** How many ports a range holds (1 for a single port). */
export const portCount = (r: PortRange): number => (r.end ?? r.port) - r.port + 1;

/** "8080" or "8080-8081" (or a number) → the port range, as `docker run -p` reads either side of a mapping. */
export function parsePortRange(raw: string | number, what: string): Parsed<PortRange> {
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  const m = /^(\d+)\s*-\s*(\d+)$/.exec(text);
  if (!m) {
    const single = parsePort(raw, what);
    return single.ok ? ok({ port: single.value }) : single;
  }
  const rangeFail = fail<PortRange>(`${what} range must be two numbers from 1 to 65535, like 8080-8081 (got "${text}")`);
  const start = parsePort(m[1]!, what);
  const end = parsePort(m[2]!, what);
  if (!start.ok || !end.ok) return rangeFail;
  if (end.value < start.value) return fail(`${what} range must go from the lower port to the higher, like ${end.value}-${start.value} (got "${text}")`);
  return ok(end.value > start.value ? { port: start.value, end: end.value } : { port: start.value });
}

export type PortProtocol = 'tcp' | 'udp' | 'sctp';

/**
 * "80/tcp", "53/UDP", "80-81/udp" (as `docker ps`, image configs and docs write a port) → the port
 * text and its protocol; undefined when there is no such suffix.
 */
export function splitPortProtocol(raw: string): { port: string; protocol: PortProtocol } | undefined {
  const m = /^\s*(\d+(?:\s*-\s*\d+)?)\s*\/\s*(tcp|udp|sctp)\s*$/i.exec(raw);
  return m ? { port: m[1]!, protocol: m[2]!.toLowerCase() as PortProtocol } : undefined;
}

/**
 * A container port or range: a number, digits, a range ("80-81"), or either with a protocol suffix
 * ("53/udp", "80-81/udp"), which then names the protocol.
 */
export function parseContainerPort(raw: string | number): Parsed<PortRange & { protocol?: PortProtocol }> {
  const split = typeof raw === 'string' ? splitPortProtocol(raw) : undefined;
  if (!split && typeof raw === 'string' && raw.includes('/')) {
    return fail(`Container port must be a number from 1 to 65535, optionally followed by /tcp, /udp or /sctp (got "${raw.trim()}")`);
  }
  const r = parsePortRange(split ? split.port : raw, 'Container port');
  if (!r.ok) return r;
  return ok(split ? { ...r.value, protocol: split.protocol } : r.value);
}

/**
 * A mapping's two sides as `docker run -p` pairs them: ranges of the same length map port to port; a
 * host range with a single container port lets the engine pick one free host port in it; a container
 * range with a single host port, or two ranges of different lengths, are refused (the message says why).
 */
export function portRangesProblem(host: PortRange | undefined, container: PortRange): string | undefined {
  const n = portCount(container);
  if (n === 1 || host === undefined || portCount(host) === n) return undefined;
  const side = (r: PortRange) => (r.end === undefined ? String(r.port) : `${r.port}-${r.end}`);
  const ports = (k: number) => `${k} ${k === 1 ? 'port' : 'ports'}`;
  if (host.end === undefined) {
    const like = host.port + n - 1 <= 65535 ? `, like ${host.port}-${host.port + n - 1},` : '';
    return `Container port range ${side(container)} (${ports(n)}) needs a host port range of the same length${like} or no host port for random ones`;
  }
  return `Host port range ${side(host)} (${ports(portCount(host))}) and container port range ${side(container)} (${ports(n)}) must be the same length`;
}

const ipv4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const ipv6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$/;

export function parseHostIp(raw: string): Parsed<string> {
  const ip = raw.trim().replace(/^\[(.*)\]$/, '$1');
  if (ipv4.test(ip) || (ipv6.test(ip) && ip.split('::').length <= 2)) return ok(ip);
  return fail(`Host IP "${raw.trim()}" is not an IPv4 or IPv6 address (e.g. 127.0.0.1 or 0.0.0.0)`);
}
