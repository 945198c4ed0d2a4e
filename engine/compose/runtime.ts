import type { BuildEvent } from '../../contract/models/image-build.js';
import type { TransferEvent } from '../../contract/models/images.js';
import type { ComposeEvent } from '../../contract/models/compose.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import type { EventHub } from '../streams/event-hub.js';

/** What compose operations run against: one engine, its event hub, and Berth's own pull and build. */
export interface ComposeRuntime {
  engine: EngineAdapter;
  hub: Pick<EventHub, 'subscribeEvents'>;
  pull(image: string, signal: AbortSignal): AsyncIterable<TransferEvent>;
  build(req: { context: string; dockerfile: string; tags: string[]; buildArgs: string[]; target?: string }, signal: AbortSignal): AsyncIterable<BuildEvent>;
  endpoint?: string;
}

export type Emit = (e: ComposeEvent) => void;
