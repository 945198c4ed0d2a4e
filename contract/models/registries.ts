/** Wire shapes of the registries domain (known registries, login, logout, search, tags). */

/** Where a registry's credentials are kept: the Docker config file (base64 auths) or a credential helper. */
export type RegistryCredentialStoreKind = 'config-file' | 'helper';

export interface RegistryInfo {
  /** Canonical host: "docker.io" for Docker Hub, host[:port] otherwise (what search and logout take). */
  server: string;
  /** The key the Docker CLI uses for it in config.json (e.g. https://index.docker.io/v1/). */
  key: string;
  dockerHub: boolean;
  /** The user logged in, when the store says ("<token>" for an identity token). */
  username?: string;
  storeKind: RegistryCredentialStoreKind;
  /** Helper name (e.g. "desktop", "pass", "osxkeychain") when storeKind is "helper". */
  helper?: string;
  /** Readable place, e.g. "Docker config (/home/me/.docker/config.json)" or "credential helper docker-credential-pass". */
  storeLabel: string;
  /** Set when the store could not be read (helper missing…). */
  problem?: string;
}

export interface RegistryLoginResult {
  server: string;
  username: string;
  storeKind: RegistryCredentialStoreKind;
  storeLabel: string;
  /** What the registry said on success (e.g. "Login Succeeded"). */
  status: string;
}

export interface RegistryLogoutResult {
  server: string;
  /** False when there were no stored credentials to remove. */
  removed: boolean;
}

/** One repository found by a search. */
export interface RegistryRepository {
  /** Repository path inside the registry, e.g. "library/nginx" or "team/app". */
  name: string;
  /** Reference prefix to pull, e.g. "127.0.0.1:5000/team/app" or "nginx" for Docker Hub. */
  pullName: string;
  description?: string;
  stars?: number;
  official?: boolean;
  /** Tags, newest-looking first with "latest" at the top; empty when the registry does not list them (Docker Hub search). */
  tags: string[];
  /** More tags exist than were fetched. */
  tagsTruncated?: boolean;
  /** Why the tags could not be listed, when they could not. */
  tagsError?: string;
}

export interface RegistrySearchResult {
  /** Canonical host searched. */
  registry: string;
  /** "hub" for the Docker Hub search API, "catalog" for a v2 registry's /v2/_catalog. */
  source: 'hub' | 'catalog';
  repositories: RegistryRepository[];
  /** More repositories matched than were returned (or the catalog was larger than Berth reads). */
  truncated: boolean;
}

export interface RegistryTagList {
  registry: string;
  repository: string;
  tags: string[];
  truncated: boolean;
}
