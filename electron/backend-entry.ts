// The back end's utility process (bundled to dist/electron/backend.js): the engine back end, served
// to the main process over MessagePorts. Started by backend-process.ts with the app's launch flags.
import { createBackend } from '../engine/backend.js';
import { serveBackend, type FromBackend, type ParentPortLike } from './backend-child.js';
import { readLaunchOptions } from './launch-options.js';

const parent = (process as unknown as { parentPort: ParentPortLike }).parentPort;
const log = (line: string) => parent.postMessage({ t: 'log', line } satisfies FromBackend);
const launch = readLaunchOptions(process.argv.slice(2));
const backend = createBackend({ ...launch, log });
serveBackend(parent, backend, () => process.exit(0));
backend.start().catch((err: unknown) => log(`the Docker engine did not start: ${(err as Error).message}`));
