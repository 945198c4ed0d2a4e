import { z } from 'zod';

/**
 * A container id (full or a prefix) or name, as every containers.* method takes it: the engine's own
 * name rule ([a-zA-Z0-9][a-zA-Z0-9_.-]*), so no path or query can be smuggled into the engine URL.
 */
export const containerIdSchema = z
  .string({ error: 'expected a container id or name' })
  .trim()
  .min(1, { error: 'a container id or name is required', abort: true })
  .max(256, { error: 'is too long for a container id or name', abort: true })
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, { error: 'is not a valid container id or name' });
