import { z } from 'zod';
import { method, stream } from '../define.js';
import type { ContainerStatsEvent, ExecEvent, StatsSummaryEvent } from '../models/container-exec.js';
import { containerIdSchema } from './container-id.js';

/** Interactive exec/attach sessions with a TTY, and streaming stats. */

const sessionId = z.string({ error: 'must be a session id' }).regex(/^[a-f0-9]{32}$/, 'must be a session id from the ready event');

const termSize = (what: string) => z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).min(1, `${what} must be at least 1`).max(1000, `${what} must be at most 1000`);

/** A shell by name, or an argv for a custom command. */
export const execCommand = z.union(
  [
    z.enum(['sh', 'bash']),
    z
      .array(z.string().min(1, 'an argument must not be empty').max(4096, 'an argument is too long'), { error: 'must be "sh", "bash" or a list of arguments' })
      .min(1, 'must name a program to run')
      .max(256, 'has too many arguments'),
  ],
  { error: 'must be "sh", "bash" or a list of arguments' },
);

export const execArgs = z
  .object({
    id: containerIdSchema,
    /** 'sh', 'bash' or an argv. Ignored when attaching. */
    command: execCommand.default('sh'),
    cols: termSize('cols').default(80),
    rows: termSize('rows').default(24),
    /** Attach to the container's main process instead of starting a new one. */
    attach: z.boolean().default(false),
  })
  .strict();

/** At most 64 KiB per input message (a paste is split by the client). */
export const MAX_EXEC_INPUT = 65_536;

export const containerExecApi = {
  /** Start a shell (or command) in a running container with a TTY, or attach to its main process. Ends with `exit`; unsubscribe to close. */
  exec: stream<ExecEvent>()(execArgs),
  /** Type into a session of this connection. */
  execInput: method<void>()(
    z.object({ session: sessionId, data: z.string({ error: 'must be text' }).max(MAX_EXEC_INPUT, `must be at most ${MAX_EXEC_INPUT} characters per call`) }).strict(),
  ),
  /** Resize the TTY of a session of this connection. */
  execResize: method<void>()(z.object({ session: sessionId, cols: termSize('cols'), rows: termSize('rows') }).strict()),
  /** Live stats of one container from the engine's streaming stats endpoint (never polled). */
  stats: stream<ContainerStatsEvent>()(z.object({ id: containerIdSchema }).strict()),
  /**
   * Compact CPU/memory samples of running containers, for the list's sparklines: one per container
   * every `intervalMs` (default 2 s), sent together so the list redraws once per interval. `ids`
   * limits it to those containers (the rows a window shows); without it, every running container.
   */
  statsSummary: stream<StatsSummaryEvent>()(
    z
      .object({
        intervalMs: z
          .number({ error: 'must be a number of milliseconds' })
          .int('must be a whole number of milliseconds')
          .min(1000, 'must be at least 1000 ms (the engine samples once a second)')
          .max(60_000, 'must be at most 60000 ms')
          .default(2000),
        ids: z
          .array(z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a full container id (64 hex digits)' }), { error: 'expected a list of container ids' })
          .max(1000, { error: 'at most 1000 containers at once' })
          .optional(),
      })
      .strict(),
  ),
};
