import { z } from 'zod';
import { method, stream } from '../define.js';
import type { ContainerInspection, LogChunk } from '../models/container-logs.js';
import { containerIdSchema } from './container-id.js';

/** Unix time in seconds (fractions allowed), as the engine's since/until take it. */
const unixSeconds = z
  .number({ error: 'expected a Unix time in seconds' })
  .min(0, { error: 'must be a Unix time in seconds (0 or more)' })
  .max(32_503_680_000, { error: 'is too far in the future for a Unix time in seconds' });

/** Most lines a tail may ask for; "all" asks for everything. */
export const MAX_LOG_TAIL = 10_000_000;

export const logsArgsSchema = z
  .object({
    id: containerIdSchema,
    /** Keep the stream open and send new lines as they are written. */
    follow: z.boolean({ error: 'expected true or false' }).default(false),
    /** Send the engine's timestamp of each line (LogChunk.ts). */
    timestamps: z.boolean({ error: 'expected true or false' }).default(false),
    since: unixSeconds.optional(),
    until: unixSeconds.optional(),
    /** The last N lines, or "all". */
    tail: z
      .union([
        z.literal('all'),
        z
          .number({ error: 'expected a number of lines or "all"' })
          .int({ error: 'must be a whole number of lines' })
          .min(0, { error: 'must be 0 lines or more' })
          .max(MAX_LOG_TAIL, { error: `must be at most ${MAX_LOG_TAIL} lines (or "all")` }),
      ], { error: 'expected a number of lines or "all"' })
      .default('all'),
    stdout: z.boolean({ error: 'expected true or false' }).default(true),
    stderr: z.boolean({ error: 'expected true or false' }).default(true),
  })
  .strict()
  .refine((a) => a.since === undefined || a.until === undefined || a.until >= a.since, { error: '"until" must not be before "since"', path: ['until'] })
  .refine((a) => a.stdout || a.stderr, { error: 'ask for stdout, stderr or both', path: ['stdout'] });

/** Logs (follow, since/tail, timestamps) and inspect. */
export const containerLogsApi = {
  /** The container's log lines, demultiplexed into stdout/stderr, grouped in chunks (see LogChunk). */
  logs: stream<LogChunk>()(logsArgsSchema),
  /** The full inspect JSON plus a readable summary. Takes an id or a name. */
  inspect: method<ContainerInspection>()(z.object({ id: containerIdSchema }).strict()),
};
