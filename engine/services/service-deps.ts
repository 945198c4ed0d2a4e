import type { ConnectionProvider } from '../client/engine-connection.js';

/** What every domain service is built from (constructor injection; one composition in backend.ts). */
export interface ServiceDeps {
  /** The live engine connection; `require()` throws ENGINE_UNAVAILABLE when there is none. */
  connections: ConnectionProvider;
  /** Berth's data directory (recycle bin, settings…). */
  dataDir: string;
  log: (line: string) => void;
}
