import { BerthError } from '../../contract/errors.js';
import { containerAction } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';
import { nameOf, projectContainers, serviceOf } from './project-containers.js';

export type ProjectAction = 'start' | 'stop' | 'restart';

/**
 * start, stop or restart a project's containers (or one service's), found by the compose labels, in
 * parallel. Returns the containers acted on. Already in the wanted state (HTTP 304) is not an error.
 * stop and restart send no `t`: the engine then waits each container's own StopTimeout (the service's
 * stop_grace_period, 10 s when unset) before SIGKILL, as compose does.
 */
export async function projectAction(engine: EngineAdapter, project: string, action: ProjectAction, service?: string, signal?: AbortSignal, endpoint?: string): Promise<string[]> {
  const all = await projectContainers(engine, project, signal);
  const targets = service ? all.filter((c) => serviceOf(c) === service) : all;
  if (!targets.length) {
    throw new BerthError('NOT_FOUND', service ? `Project "${project}" has no container for service "${service}"` : `Project "${project}" has no containers`);
  }
  await Promise.all(
    targets.map((c) =>
      containerAction(engine, c.Id!, action, {}, signal).catch((err: unknown) => {
        if ((err as { statusCode?: unknown }).statusCode !== 304) throw toBerthError(err, endpoint);
      }),
    ),
  );
  return targets.map(nameOf).sort();
}
