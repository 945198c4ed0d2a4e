import type Docker from 'dockerode';

/**
 * dockerode calls that take an AbortSignal at run time but not in @types/dockerode. Kept in one
 * place so the casts are not scattered.
 */
type WithSignal = (this: Docker, options: { abortSignal?: AbortSignal }) => Promise<unknown>;

export function dockerInfo(docker: Docker, signal?: AbortSignal): Promise<unknown> {
  return (docker.info as unknown as WithSignal).call(docker, { abortSignal: signal });
}

export function dockerVersion(docker: Docker, signal?: AbortSignal): Promise<unknown> {
  return (docker.version as unknown as WithSignal).call(docker, { abortSignal: signal });
}

export function dockerPing(docker: Docker, signal?: AbortSignal): Promise<unknown> {
  return (docker.ping as unknown as WithSignal).call(docker, { abortSignal: signal });
}
