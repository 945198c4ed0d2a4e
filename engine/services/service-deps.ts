import type { VmShare } from '../../vm/driver.js';
import type { ConnectionProvider, EngineConnection } from '../client/engine-connection.js';
import type { ExecSessionRegistry } from '../exec/session-registry.js';
import type { RecycleBinStore } from '../recycle-bin/recycle-bin-store.js';
import type { StatsPool } from '../stats/stats-pool.js';

/** What every domain service is built from (constructor injection; one composition in backend.ts). */
export interface ServiceDeps {
  /** The live engine connection; `require()` throws ENGINE_UNAVAILABLE when there is none. */
  connections: ConnectionProvider;
  /** Berth's data directory (recycle bin, settings…). */
  dataDir: string;
  log: (line: string) => void;
  /** The folders Berth's VM shares when the engine runs in it (bind mounts are checked against them); else undefined. */
  vmShares?: () => VmShare[] | undefined;
}

/** Stores several services share: built once in backend.ts (the composition root) and injected. */
export interface SharedStores {
  /** Removed containers' configurations: saved by container actions, listed and restored by the recycle bin. */
  recycleBin: RecycleBinStore;
  /** Open terminal sessions (input and resize find theirs here). */
  execSessions: ExecSessionRegistry;
  /** The held stats connections of one engine connection, shared by every window's sparklines. */
  statsPool(conn: EngineConnection): StatsPool;
}
