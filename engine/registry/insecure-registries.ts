import { canonicalHost } from '../../contract/registry-host.js';

/** The part of the engine's `docker info` RegistryConfig that says which registries may use plain HTTP. */
export interface EngineRegistryConfig {
  IndexConfigs?: Record<string, { Secure?: boolean } | undefined>;
  InsecureRegistryCIDRs?: string[];
}

/**
 * May Berth fall back to plain HTTP for this registry? Yes for loopback hosts (as the engine allows) and
 * for registries the engine treats as insecure (IndexConfigs Secure=false, or an IPv4 in InsecureRegistryCIDRs).
 */
export function allowsPlainHttp(host: string, config?: EngineRegistryConfig): boolean {
  const h = canonicalHost(host);
  const name = hostOnly(h);
  if (name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name)) return true;
  if (!config) return false;
  const entry = config.IndexConfigs?.[h];
  if (entry && entry.Secure === false) return true;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return (config.InsecureRegistryCIDRs ?? []).some((cidr) => inCidr(name, cidr));
  return false;
}

function hostOnly(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon > 0 ? host.slice(0, colon) : host;
}

function ipv4(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const a = ipv4(ip);
  const b = base === undefined ? undefined : ipv4(base);
  if (a === undefined || b === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}
