import type { DomainImplementation } from '../../contract/define.js';
import type { registriesApi } from '../../contract/domains/registries.js';
import { BerthError } from '../../contract/errors.js';
import type { RegistryInfo } from '../../contract/models/registries.js';
import { engineInfo } from '../adapter/calls.js';
import { RegistryCredentialStore, type CredentialLocation } from '../registry/credential-store.js';
import { hubSearchFailure, loginFailure } from '../registry/engine-messages.js';
import { allowsPlainHttp, type EngineRegistryConfig } from '../registry/insecure-registries.js';
import { canonicalHost, configKey, isDockerHub, registryAddressProblem } from '../../contract/registry-host.js';
import { listV2Tags, mapHubResults, searchV2Registry } from '../registry/registry-search.js';
import type { ServiceDeps } from './service-deps.js';

const DEFAULT_LIMIT = 25;

/**
 * Registries: credentials live where the Docker CLI keeps them ($DOCKER_CONFIG/config.json and its
 * credential helpers), never in Berth's files. `env` is injectable so tests point DOCKER_CONFIG elsewhere.
 */
export function createRegistriesService(deps: ServiceDeps, env: NodeJS.ProcessEnv = process.env): DomainImplementation<typeof registriesApi> {
  const credentials = () => new RegistryCredentialStore(env);

  const checkServer = (server: string): string => {
    const problem = registryAddressProblem(server);
    if (problem) throw new BerthError('VALIDATION', `Invalid registry server: ${problem}`, { issues: [{ field: 'server', message: problem }] });
    return canonicalHost(server);
  };

  const locationLabel = (l: CredentialLocation) =>
    l.kind === 'helper' ? `credential helper docker-credential-${l.helper}` : `Docker config (${l.path})`;

  /** Registry settings of the engine (which registries may use plain HTTP); tolerated when unavailable. */
  const engineRegistryConfig = async (signal: AbortSignal): Promise<EngineRegistryConfig | undefined> => {
    try {
      const info = await engineInfo<{ RegistryConfig?: EngineRegistryConfig }>(deps.connections.require().engine, signal);
      return info.RegistryConfig;
    } catch {
      return undefined;
    }
  };

  const storeFailure = (what: string, err: unknown) =>
    err instanceof BerthError ? err : new BerthError('ENGINE_ERROR', `${what}: ${err instanceof Error ? err.message : String(err)}`, { reason: 'credential-store' });

  // Logins and logouts rewrite config.json (read, change, write): run them one at a time.
  let writes: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = writes.then(fn, fn);
    writes = next.catch(() => undefined);
    return next;
  };

  return {
    async list() {
      let known;
      try {
        known = await credentials().list();
      } catch (err) {
        throw storeFailure('Cannot read the stored registry credentials', err);
      }
      return known.map((k): RegistryInfo => ({
        server: k.host,
        key: k.key,
        dockerHub: isDockerHub(k.host),
        username: k.username,
        storeKind: k.location.kind,
        helper: k.location.kind === 'helper' ? k.location.helper : undefined,
        storeLabel: locationLabel(k.location),
        problem: k.problem,
      }));
    },

    async login({ server, username, password }) {
      const host = checkServer(server);
      const conn = deps.connections.require();
      let result: { Status?: unknown; IdentityToken?: unknown };
      try {
        result = (await conn.engine.json<typeof result | undefined>({ method: 'POST', path: '/auth', body: { username, password, serveraddress: configKey(host) } })) ?? {};
      } catch (err) {
        throw loginFailure(host, err, conn.endpoint.host);
      }
      const identityToken = typeof result.IdentityToken === 'string' && result.IdentityToken ? result.IdentityToken : undefined;
      const store = credentials();
      let location: CredentialLocation;
      try {
        location = await serial(() => store.store(host, username, password, identityToken));
      } catch (err) {
        throw storeFailure(`Logged in to ${host}, but the credentials could not be stored`, err);
      }
      deps.log(`registries: logged in to ${host} as ${username} (stored in ${locationLabel(location)})`);
      return {
        server: host,
        username,
        storeKind: location.kind,
        storeLabel: locationLabel(location),
        status: typeof result.Status === 'string' && result.Status ? result.Status : 'Login Succeeded',
      };
    },

    async logout({ server }) {
      const host = checkServer(server);
      let removed: boolean;
      try {
        removed = await serial(() => credentials().erase(host));
      } catch (err) {
        throw storeFailure(`Cannot remove the credentials of ${host}`, err);
      }
      if (removed) deps.log(`registries: logged out of ${host}`);
      return { server: host, removed };
    },

    async search({ registry, term, limit }, ctx) {
      const max = limit ?? DEFAULT_LIMIT;
      const host = registry ? checkServer(registry) : 'docker.io';
      if (isDockerHub(host)) {
        if (!term) throw new BerthError('VALIDATION', 'Enter a search term for Docker Hub', { issues: [{ field: 'term', message: 'empty' }] });
        const conn = deps.connections.require();
        try {
          const items = await conn.engine.json<unknown>({ path: '/images/search', query: { term, limit: max }, signal: ctx.signal });
          return mapHubResults(items, max, term);
        } catch (err) {
          throw hubSearchFailure(err, conn.endpoint.host);
        }
      }
      const auth = await credentials().get(host).catch((err: unknown) => {
        throw storeFailure(`Cannot read the stored credentials of ${host}`, err);
      });
      const allowHttp = allowsPlainHttp(host, await engineRegistryConfig(ctx.signal));
      return searchV2Registry({ host, term, limit: max, auth, allowHttp, signal: ctx.signal });
    },

    async tags({ registry, repository }, ctx) {
      const host = checkServer(registry);
      const hub = isDockerHub(host);
      const auth = await credentials().get(host).catch((err: unknown) => {
        throw storeFailure(`Cannot read the stored credentials of ${host}`, err);
      });
      // Docker Hub serves its v2 API at registry-1.docker.io, with official images under library/.
      const apiHost = hub ? 'registry-1.docker.io' : host;
      const repo = hub && !repository.includes('/') ? `library/${repository}` : repository;
      const allowHttp = !hub && allowsPlainHttp(host, await engineRegistryConfig(ctx.signal));
      const list = await listV2Tags({ host: apiHost, registry: host, repository: repo, auth, allowHttp, signal: ctx.signal });
      return { ...list, repository };
    },
  };
}
