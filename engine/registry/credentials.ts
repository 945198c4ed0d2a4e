import { RegistryCredentialStore, type RegistryAuth } from './credential-store.js';

export type { RegistryAuth } from './credential-store.js';

/**
 * The credentials the Docker CLI would use for a registry (host[:port], "docker.io", or an image
 * reference's registry part), read from `$DOCKER_CONFIG/config.json` (credHelpers, credsStore, auths).
 * Undefined when none are stored. Pass the result as dockerode's `authconfig` (X-Registry-Auth).
 */
export async function resolveRegistryAuth(registryHost: string, env: NodeJS.ProcessEnv = process.env): Promise<RegistryAuth | undefined> {
  return new RegistryCredentialStore(env).get(registryHost);
}
