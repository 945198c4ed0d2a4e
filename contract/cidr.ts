/**
 * IPv4/IPv6 addresses and CIDR blocks as integers, for checking a network's subnet, gateway and IP
 * range before anything is sent to the engine (the UI's form and the back end use the same code).
 */

export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

export interface Cidr {
  version: 4 | 6;
  /** The first address of the block. */
  network: bigint;
  prefix: number;
  /** The text as given, trimmed. */
  text: string;
}

export type CidrResult = { ok: true; cidr: Cidr } | { ok: false; message: string };

const bitsOf = (version: 4 | 6) => (version === 4 ? 32 : 128);

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p.startsWith('0'))) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseV6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return undefined;
  let groups: string[];
  const [head, tail] = text.split('::') as [string, string | undefined];
  const split = (s: string) => (s === '' ? [] : s.split(':'));
  const headParts = split(head);
  const tailParts = tail === undefined ? [] : split(tail);
  // An embedded IPv4 address at the end counts as two groups.
  const last = (tail === undefined ? headParts : tailParts).at(-1);
  let v4: bigint | undefined;
  if (last?.includes('.')) {
    v4 = parseV4(last);
    if (v4 === undefined) return undefined;
    (tail === undefined ? headParts : tailParts).pop();
  }
  const want = v4 === undefined ? 8 : 6;
  if (tail === undefined) {
    if (headParts.length !== want) return undefined;
    groups = headParts;
  } else {
    const missing = want - headParts.length - tailParts.length;
    if (missing < 1) return undefined;
    groups = [...headParts, ...Array<string>(missing).fill('0'), ...tailParts];
  }
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return v4 === undefined ? value : (value << 32n) | v4;
}

/** "10.1.2.3" or "fd00::1"; undefined when it is neither. */
export function parseIp(text: string): IpAddress | undefined {
  const t = text.trim();
  if (t.includes(':')) {
    const value = parseV6(t);
    return value === undefined ? undefined : { version: 6, value };
  }
  const value = parseV4(t);
  return value === undefined ? undefined : { version: 4, value };
}

/** "10.1.0.0/16" → the block; a readable reason when it is not one (no prefix, bad address, host bits set). */
export function parseCidr(text: string, what = 'A subnet'): CidrResult {
  const t = text.trim();
  const slash = t.indexOf('/');
  if (slash < 0) return { ok: false, message: `${what} needs a prefix length, e.g. 10.213.0.0/24 (got "${t}")` };
  const ip = parseIp(t.slice(0, slash));
  if (!ip) return { ok: false, message: `${what} must be an IPv4 or IPv6 block such as 10.213.0.0/24 or fd00:1::/64 ("${t.slice(0, slash)}" is not an IP address)` };
  const bits = bitsOf(ip.version);
  const p = t.slice(slash + 1);
  if (!/^\d{1,3}$/.test(p) || Number(p) > bits) return { ok: false, message: `${what} has a bad prefix length "/${p}": it must be 0 to ${bits} for IPv${ip.version}` };
  const prefix = Number(p);
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  if (ip.value & hostMask) {
    const base = formatIp({ version: ip.version, value: ip.value & ~hostMask });
    return { ok: false, message: `${what} "${t}" has host bits set: did you mean ${base}/${prefix}?` };
  }
  return { ok: true, cidr: { version: ip.version, network: ip.value, prefix, text: t } };
}

/** The last address of the block. */
export function lastAddress(c: Cidr): bigint {
  return c.network | ((1n << BigInt(bitsOf(c.version) - c.prefix)) - 1n);
}

export function contains(c: Cidr, ip: IpAddress): boolean {
  return c.version === ip.version && ip.value >= c.network && ip.value <= lastAddress(c);
}

/** `inner` lies wholly inside `outer`. */
export function containsCidr(outer: Cidr, inner: Cidr): boolean {
  return outer.version === inner.version && inner.network >= outer.network && lastAddress(inner) <= lastAddress(outer);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.version === b.version && a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

export function formatIp(ip: IpAddress): string {
  if (ip.version === 4) return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - i * 16)) & 0xffffn).toString(16));
  // Shorten the longest run of zero groups (two or more) to "::".
  let best = { at: -1, len: 1 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j;
  }
  if (best.at < 0) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}
