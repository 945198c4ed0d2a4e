/**
 * Registry host names the way the Docker CLI treats them. Docker Hub has many spellings
 * (docker.io, index.docker.io, registry-1.docker.io, https://index.docker.io/v1/); the CLI stores its
 * credentials under the one key `https://index.docker.io/v1/`. Every other registry is keyed by its
 * host[:port], without scheme or path.
 */
export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
export const DOCKER_HUB_HOST = 'docker.io';

const hubAliases = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

/** Like the CLI's ConvertToHostname: drop http(s)://, then everything from the first "/". Lower-cases the host. */
export function convertToHostname(address: string): string {
  let s = address.trim();
  if (/^https?:\/\//i.test(s)) s = s.replace(/^https?:\/\//i, '');
  const slash = s.indexOf('/');
  if (slash >= 0) s = s.slice(0, slash);
  return s.toLowerCase();
}

/** True when the address names Docker Hub (any spelling, or empty = the default registry). */
export function isDockerHub(address: string): boolean {
  const host = convertToHostname(address);
  return host === '' || hubAliases.has(host);
}

/** The canonical host used in Berth's API: "docker.io" for Hub, host[:port] otherwise. */
export function canonicalHost(address: string): string {
  return isDockerHub(address) ? DOCKER_HUB_HOST : convertToHostname(address);
}

/** The key the CLI uses in config.json (auths, credHelpers) and sends to credential helpers. */
export function configKey(address: string): string {
  return isDockerHub(address) ? DOCKER_HUB_KEY : convertToHostname(address);
}

/** True when two addresses name the same registry. */
export function sameRegistry(a: string, b: string): boolean {
  return canonicalHost(a) === canonicalHost(b);
}

/**
 * Check a server address a user typed: host[:port] with an optional scheme and path. Returns a readable
 * problem, or undefined when it is fine.
 */
export function registryAddressProblem(address: string): string | undefined {
  const host = convertToHostname(address);
  if (!host) return 'the registry server is empty';
  if (/\s/.test(address.trim())) return `"${address}" contains spaces`;
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:\d{1,5})?$/i.test(host)) return `"${address}" is not a registry host (expected host[:port], e.g. registry.example.com or 127.0.0.1:5000)`;
  const port = /:(\d+)$/.exec(host)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return `port ${port} is out of range`;
  return undefined;
}
