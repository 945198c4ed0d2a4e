import { z } from 'zod';
import { method, stream } from '../define.js';
import type { EngineEvent, EngineInfo, EngineStatus, PortForwardsView } from '../model.js';

const none = z.object({}).strict();

export const engineApi = {
  /** Current state of the engine connection (and of the embedded dockerd, when Berth runs one). */
  status: method<EngineStatus>()(none),
  /** The state, pushed on every change (first event: the current state). */
  statusChanges: stream<EngineStatus>()(none),
  /**
   * Berth's VM (when the VM provider is in use): start, stop, restart, delete (its data disk too) or
   * reset (a fresh data disk). Resolves with the engine status once the action is done.
   */
  vm: method<EngineStatus>()(
    z.object({ action: z.enum(['start', 'stop', 'restart', 'delete', 'reset'], { error: 'expected start, stop, restart, delete or reset' }) }).strict(),
  ),
  /**
   * The ports forwarded from Berth's VM to this computer and the ones that could not be (host port
   * taken), first the current view, then on every change. Inactive when the engine is not in the VM.
   */
  portForwards: stream<PortForwardsView>()(none),
  /** Try a container's failed forwards again (after the user freed the host port). */
  retryPortForwards: method<PortForwardsView>()(z.object({ containerId: z.string().min(1, { error: 'expected a container id' }) }).strict()),
  /** What `docker version` and `docker info` show. */
  info: method<EngineInfo>()(none),
  /** Engine events (consumed once from /events, fanned out), optionally filtered by type. */
  events: stream<EngineEvent>()(
    z.object({ types: z.array(z.enum(['container', 'image', 'volume', 'network', 'daemon', 'plugin', 'node', 'service', 'secret', 'config'])).optional() }).strict(),
  ),
};
