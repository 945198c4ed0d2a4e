import { z } from 'zod';
import { method } from '../define.js';
import type { ContainerResources, NetworkChoice, RunResult, RunValidation } from '../models/container-run.js';
import { containerIdSchema } from './container-id.js';
import { containerUpdateSchema, runSpecSchema } from './container-run-spec.js';

/** Run a container from a spec, with validation before anything is sent; change limits of a running one. */
export const containerRunApi = {
  /**
   * Check a spec against the engine without changing anything: name taken, host port taken (naming
   * the container that holds it), host path missing (on a local engine), image not present, unknown
   * network, more CPUs than the engine has. The dialog calls it before submitting; `run` repeats it.
   */
  validateRun: method<RunValidation>()(runSpecSchema),
  /** Validate, create missing named volumes, create and start. Fails with VALIDATION (details.issues) or a readable engine error. */
  run: method<RunResult>()(runSpecSchema),
  /** `docker update`: change CPU and/or memory limits, also of a running container. */
  update: method<ContainerResources>()(containerUpdateSchema),
  /** Current CPU and memory limits (and memory usage when running). */
  resources: method<ContainerResources>()(z.object({ id: containerIdSchema }).strict()),
  /** Networks a new container can join. */
  networks: method<NetworkChoice[]>()(z.object({}).strict()),
};
