import type { EngineStatus } from '../../contract/model.js';
import { ValueStore } from '../streams/value-store.js';

/** The engine status as an observable value (see ValueStore): every window's Engine page and status bar. */
export class StatusStore extends ValueStore<EngineStatus> {}
