import type { BerthImplementation } from '../contract/index.js';

/** The slice of engine/backend.ts the shell needs. */
export interface DesktopBackend {
  readonly impl: BerthImplementation;
  start(): Promise<void>;
  dispose(): Promise<void>;
}
