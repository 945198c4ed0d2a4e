import type { Attempt, DiscoverOptions, Discovery } from '../client/discover.js';
import type { EngineProvider, ProviderResult } from './engine-provider.js';

/** An engine that already runs: `--docker-host`, DOCKER_HOST, the Docker context, the default sockets. */
export function nativeProvider(discover: (options: DiscoverOptions) => Promise<Discovery>, dockerHost: string | undefined): EngineProvider {
  return {
    kind: 'native',
    async start(report): Promise<ProviderResult> {
      report({ message: 'Looking for a Docker engine…' });
      const found = await discover({ dockerHost });
      if (found.found) return { ok: true, ready: { target: found.options, endpoint: found.endpoint, managed: false } };
      const tried = describeAttempts(found.attempts);
      return dockerHost?.trim()
        ? {
            ok: false,
            failure: {
              message: `The Docker engine you chose does not answer (${tried})`,
              remedy: 'Start that engine, or change the engine setting (--docker-host) to a running one.',
            },
          }
        : {
            ok: false,
            failure: {
              message: `No Docker engine answered (${tried})`,
              remedy: 'Start Docker, or set DOCKER_HOST (or the engine setting) to the address of a running engine.',
            },
          };
    },
    onLost() {
      // An engine Berth did not start is watched through its event stream instead.
    },
    stop: () => Promise.resolve(),
  };
}

export function describeAttempts(attempts: readonly Attempt[]): string {
  if (!attempts.length) return 'no place to look';
  return `tried ${attempts.map((a) => `${a.endpoint.host} (${a.endpoint.source}): ${a.error}`).join('; ')}`;
}
