import type { DomainImplementation } from '../../contract/define.js';
import type { diagnosticsApi } from '../../contract/domains/diagnostics.js';
import { buildDiagnosticsBundle, type BundleDeps } from '../diagnostics/bundle.js';

const CHUNK = 64 * 1024;

/** The diagnostics bundle, built on request and sent as bytes (a download). */
export function createDiagnosticsService(deps: BundleDeps): DomainImplementation<typeof diagnosticsApi> {
  return {
    bundle: async (_args, ctx) => {
      const { fileName, bytes } = await buildDiagnosticsBundle(deps, ctx.signal);
      return {
        head: { fileName, size: bytes.length },
        body: (async function* () {
          for (let i = 0; i < bytes.length; i += CHUNK) yield new Uint8Array(bytes.buffer, bytes.byteOffset + i, Math.min(CHUNK, bytes.length - i));
        })(),
      };
    },
  };
}
