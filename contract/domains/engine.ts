import { z } from 'zod';
import { method, stream } from '../define.js';
import type { EngineEvent, EngineInfo, EngineStatus } from '../model.js';

const none = z.object({}).strict();

export const engineApi = {
  /** Current state of the engine connection (and of the embedded dockerd, when Berth runs one). */
  status: method<EngineStatus>()(none),
  /** The state, pushed on every change (first event: the current state). */
  statusChanges: stream<EngineStatus>()(none),
  /** What `docker version` and `docker info` show. */
  info: method<EngineInfo>()(none),
  /** Engine events (consumed once from /events, fanned out), optionally filtered by type. */
  events: stream<EngineEvent>()(
    z.object({ types: z.array(z.enum(['container', 'image', 'volume', 'network', 'daemon', 'plugin', 'node', 'service', 'secret', 'config'])).optional() }).strict(),
  ),
};
