// The sandboxed preload (bundled to dist/electron/preload.cjs with everything but electron inlined).
import { exposeBerthBridge } from './preload-bridge.js';

exposeBerthBridge();
