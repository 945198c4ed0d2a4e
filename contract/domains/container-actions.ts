import { z } from 'zod';
import { method } from '../define.js';
import type { ContainerActionResult, ContainerRemovalPlan, ContainerRemoveResult } from '../models/container-actions.js';
import { normalizeSignal } from './container-action-rules.js';
import { containerIdSchema } from './container-id.js';

// The rules the window also checks on its own, without zod (container-action-rules.ts).
export { knownSignals, normalizeSignal } from './container-action-rules.js';

export const stopTimeoutSchema = z
  .number({ error: 'expected a number of seconds' })
  .int({ error: 'must be a whole number of seconds' })
  .min(0, { error: 'must be 0 seconds or more' })
  .max(3600, { error: 'must be at most 3600 seconds (one hour)' });

export const signalSchema = z
  .string({ error: 'expected a signal name or number' })
  .refine((s) => normalizeSignal(s) !== undefined, { error: 'is not a known signal (e.g. SIGKILL, SIGTERM, SIGHUP, or a number 1–64)' })
  .transform((s) => normalizeSignal(s)!);

const target = z.object({ id: containerIdSchema }).strict();
const timed = z.object({ id: containerIdSchema, timeout: stopTimeoutSchema.optional() }).strict();

/** Container lifecycle actions (start, stop, restart, pause, kill, remove). */
export const containerActionsApi = {
  start: method<ContainerActionResult>()(target),
  /** Stop: SIGTERM (or the container's stop signal), then SIGKILL after `timeout` seconds (default: the container's own, else 10). */
  stop: method<ContainerActionResult>()(timed),
  restart: method<ContainerActionResult>()(timed),
  pause: method<ContainerActionResult>()(target),
  unpause: method<ContainerActionResult>()(target),
  /** Send a signal (default SIGKILL). */
  kill: method<ContainerActionResult>()(z.object({ id: containerIdSchema, signal: signalSchema.optional() }).strict()),
  /** What `remove` would take away (for the confirm dialog). */
  removalPlan: method<ContainerRemovalPlan>()(target),
  /** Remove; the create-config is kept in the recycle bin first. `volumes` also removes anonymous volumes; `force` kills a running container. */
  remove: method<ContainerRemoveResult>()(
    z.object({ id: containerIdSchema, volumes: z.boolean({ error: 'expected true or false' }).default(false), force: z.boolean({ error: 'expected true or false' }).default(false) }).strict(),
  ),
};
