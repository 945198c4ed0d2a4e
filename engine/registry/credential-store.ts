import { CredentialHelper, CredentialsNotFoundError, TOKEN_USERNAME } from './credential-helper.js';
import { decodeAuth, dockerConfigPath, encodeAuth, readDockerConfig, updateDockerConfig, type DockerConfig } from './docker-config.js';
import { canonicalHost, configKey, convertToHostname, isDockerHub } from '../../contract/registry-host.js';

/** Credentials in the shape the engine's X-Registry-Auth and POST /auth expect. */
export type RegistryAuth =
  | { username: string; password: string; serveraddress: string }
  | { identitytoken: string; serveraddress: string };

/** Where a credential lives: the Docker config file (auths, base64) or a credential helper. */
export type CredentialLocation = { kind: 'config-file'; path: string } | { kind: 'helper'; helper: string };

export interface KnownRegistry {
  /** Canonical host: "docker.io" for Docker Hub, host[:port] otherwise. */
  host: string;
  /** The key in config.json / the helper (e.g. https://index.docker.io/v1/). */
  key: string;
  username?: string;
  location: CredentialLocation;
  /** Set when the store could not be asked (helper missing, broken…). */
  problem?: string;
}

/**
 * The Docker CLI's credential stores, read and written the way the CLI does: `credHelpers[host]` wins,
 * then `credsStore`, then the `auths` of config.json. Never caches: every call reads the current file.
 */
export class RegistryCredentialStore {
  readonly configPath: string;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {
    this.configPath = dockerConfigPath(env);
  }

  readConfig(): Promise<DockerConfig> {
    return readDockerConfig(this.configPath);
  }

  /** The helper name that holds `host`'s credentials, or undefined for the config file. */
  helperNameFor(config: DockerConfig, host: string): string | undefined {
    const wanted = canonicalHost(host);
    for (const [k, v] of Object.entries(config.credHelpers ?? {})) {
      if (typeof v === 'string' && v && canonicalHost(k) === wanted) return v;
    }
    return typeof config.credsStore === 'string' && config.credsStore ? config.credsStore : undefined;
  }

  locationFor(config: DockerConfig, host: string): CredentialLocation {
    const helper = this.helperNameFor(config, host);
    return helper ? { kind: 'helper', helper } : { kind: 'config-file', path: this.configPath };
  }

  /** The stored credentials for a registry, or undefined when there are none. */
  async get(host: string): Promise<RegistryAuth | undefined> {
    const config = await this.readConfig();
    const key = configKey(host);
    const helperName = this.helperNameFor(config, host);
    if (helperName) {
      const fromHelper = await this.getFromHelper(new CredentialHelper(helperName, this.env), host, key);
      if (fromHelper) return fromHelper;
    }
    const entry = findAuthEntry(config, host);
    if (!entry) return undefined;
    const [, value] = entry;
    if (typeof value.identitytoken === 'string' && value.identitytoken) return { identitytoken: value.identitytoken, serveraddress: key };
    if (typeof value.auth === 'string' && value.auth) {
      const decoded = decodeAuth(value.auth);
      if (decoded) return { ...decoded, serveraddress: key };
    }
    if (typeof value.username === 'string' && typeof value.password === 'string' && value.username) {
      return { username: value.username, password: value.password, serveraddress: key };
    }
    return undefined;
  }

  /**
   * Store credentials where the CLI would: the configured helper, or base64 in config.json auths. When
   * the registry returned an identity token, it is stored instead of the password (as the CLI does).
   */
  async store(host: string, username: string, password: string, identityToken?: string): Promise<CredentialLocation> {
    const config = await this.readConfig();
    const key = configKey(host);
    const location = this.locationFor(config, host);
    if (location.kind === 'helper') {
      const creds = identityToken ? { ServerURL: key, Username: TOKEN_USERNAME, Secret: identityToken } : { ServerURL: key, Username: username, Secret: password };
      await new CredentialHelper(location.helper, this.env).store(creds);
      // Like the CLI's native store: keep an empty marker in auths so the registry stays listed.
      await updateDockerConfig(this.configPath, (c) => {
        const auths = (c.auths ??= {});
        removeMatching(auths, host);
        auths[key] = {};
      });
      return location;
    }
    await updateDockerConfig(this.configPath, (c) => {
      const auths = (c.auths ??= {});
      removeMatching(auths, host);
      auths[key] = identityToken ? { auth: encodeAuth(username, ''), identitytoken: identityToken } : { auth: encodeAuth(username, password) };
    });
    return location;
  }

  /** Remove the credentials (helper erase and the auths entry). True when something was removed. */
  async erase(host: string): Promise<boolean> {
    const config = await this.readConfig();
    const key = configKey(host);
    const helperName = this.helperNameFor(config, host);
    let removed = false;
    if (helperName) {
      const helper = new CredentialHelper(helperName, this.env);
      try {
        await helper.erase(key);
        removed = true;
      } catch (err) {
        if (!(err instanceof CredentialsNotFoundError)) throw err;
      }
    }
    if (findAuthEntry(config, host)) {
      await updateDockerConfig(this.configPath, (c) => {
        if (c.auths) removeMatching(c.auths, host);
      });
      removed = true;
    }
    return removed;
  }

  /** Every registry with credentials: config.json auths, credHelpers and the credsStore's own list. */
  async list(): Promise<KnownRegistry[]> {
    const config = await this.readConfig();
    const byHost = new Map<string, KnownRegistry>();
    const helperLists = new Map<string, Promise<Record<string, string> | Error>>();
    const listOf = (name: string) => {
      let p = helperLists.get(name);
      if (!p) {
        p = new CredentialHelper(name, this.env).list().catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
        helperLists.set(name, p);
      }
      return p;
    };

    const add = async (address: string) => {
      const host = canonicalHost(address);
      if (!host || byHost.has(host)) return;
      const location = this.locationFor(config, host);
      const item: KnownRegistry = { host, key: configKey(host), location };
      if (location.kind === 'helper') {
        const listed = await listOf(location.helper);
        if (listed instanceof Error) item.problem = listed.message;
        else {
          const match = Object.entries(listed).find(([k]) => canonicalHost(k) === host);
          if (match) item.username = match[1];
        }
      } else {
        const entry = findAuthEntry(config, host)?.[1];
        if (entry && typeof entry.auth === 'string') item.username = decodeAuth(entry.auth)?.username;
        else if (entry && typeof entry.identitytoken === 'string') item.username = TOKEN_USERNAME;
        else if (entry && typeof entry.username === 'string') item.username = entry.username;
      }
      byHost.set(host, item);
    };

    for (const k of Object.keys(config.auths ?? {})) await add(k);
    for (const k of Object.keys(config.credHelpers ?? {})) await add(k);
    if (typeof config.credsStore === 'string' && config.credsStore) {
      const listed = await listOf(config.credsStore);
      if (!(listed instanceof Error)) {
        // Helpers such as osxkeychain also hold non-Docker entries; keep those that look like registries.
        for (const k of Object.keys(listed)) if (looksLikeRegistry(k)) await add(k);
      }
    }
    // A helper-backed registry the helper no longer knows has no credentials: drop it.
    return [...byHost.values()].filter((r) => r.location.kind === 'config-file' || r.username !== undefined || r.problem !== undefined || hasFileSecret(config, r.host))
      .sort((a, b) => (a.host === 'docker.io' ? -1 : b.host === 'docker.io' ? 1 : a.host.localeCompare(b.host)));
  }

  private async getFromHelper(helper: CredentialHelper, host: string, key: string): Promise<RegistryAuth | undefined> {
    const toAuth = (c: { Username: string; Secret: string }): RegistryAuth =>
      c.Username === TOKEN_USERNAME ? { identitytoken: c.Secret, serveraddress: key } : { username: c.Username, password: c.Secret, serveraddress: key };
    try {
      return toAuth(await helper.get(key));
    } catch (err) {
      if (!(err instanceof CredentialsNotFoundError)) throw err;
    }
    // The key may have been stored in another spelling (https://host, host/v2/…): find it in the list.
    let listed: Record<string, string>;
    try {
      listed = await helper.list();
    } catch {
      return undefined;
    }
    const other = Object.keys(listed).find((k) => k !== key && canonicalHost(k) === canonicalHost(host));
    if (!other) return undefined;
    try {
      return toAuth(await helper.get(other));
    } catch (err) {
      if (err instanceof CredentialsNotFoundError) return undefined;
      throw err;
    }
  }
}

/** The auths entry for a host: the exact key first, then any key naming the same host (as the CLI does). */
function findAuthEntry(config: DockerConfig, host: string): [string, NonNullable<DockerConfig['auths']>[string]] | undefined {
  const auths = config.auths ?? {};
  const key = configKey(host);
  const exact = auths[key];
  if (exact && typeof exact === 'object') return [key, exact];
  const wanted = canonicalHost(host);
  for (const [k, v] of Object.entries(auths)) if (v && typeof v === 'object' && canonicalHost(k) === wanted) return [k, v];
  return undefined;
}

function hasFileSecret(config: DockerConfig, host: string): boolean {
  const e = findAuthEntry(config, host)?.[1];
  return Boolean(e && (e.auth || e.identitytoken));
}

function removeMatching(auths: NonNullable<DockerConfig['auths']>, host: string): void {
  const wanted = canonicalHost(host);
  for (const k of Object.keys(auths)) if (canonicalHost(k) === wanted) delete auths[k];
}

function looksLikeRegistry(serverUrl: string): boolean {
  if (isDockerHub(serverUrl) && /docker\.io/i.test(serverUrl)) return true;
  const host = convertToHostname(serverUrl);
  return /^[a-z0-9.-]+(:\d+)?$/i.test(host) && (host.includes('.') || host.includes(':') || host === 'localhost');
}
