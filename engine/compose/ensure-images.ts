import { BerthError } from '../../contract/errors.js';
import type { ComposeService } from '../../contract/models/compose.js';
import { exists, imagePath } from '../adapter/calls.js';
import type { ComposeRuntime, Emit } from './runtime.js';

/**
 * Make sure a service's image is there: build it (a service with `build`) or pull it, when it is
 * missing locally, or always when `force` (the project's pull action). Build and pull failures name
 * the service.
 */
export async function ensureImage(rt: ComposeRuntime, svc: ComposeService, emit: Emit, signal: AbortSignal, force = false): Promise<void> {
  if (!force && (await exists(rt.engine, `${imagePath(svc.image)}/json`, signal))) return;
  if (svc.build) {
    if (force) return;
    emit({ kind: 'service', service: svc.name, step: 'building', message: `Building ${svc.image}` });
    const b = svc.build;
    for await (const ev of rt.build({ context: b.context, dockerfile: b.dockerfile ?? 'Dockerfile', tags: [svc.image], buildArgs: Object.entries(b.args).map(([k, v]) => `${k}=${v}`), target: b.target }, signal)) {
      if (ev.kind === 'step') emit({ kind: 'service', service: svc.name, step: 'building', message: `Step ${ev.index}/${ev.total}: ${ev.instruction}` });
      if (ev.kind === 'failed') throw new BerthError('ENGINE_ERROR', `Building "${svc.name}" failed${ev.step ? ` at step ${ev.step}` : ''}: ${ev.message}`);
    }
    return;
  }
  emit({ kind: 'service', service: svc.name, step: 'pulling', message: `Pulling ${svc.image}` });
  let last = 0;
  try {
    for await (const ev of rt.pull(svc.image, signal)) {
      if (ev.kind === 'overall' && Date.now() - last > 250) {
        last = Date.now();
        emit({ kind: 'service', service: svc.name, step: 'pulling', message: `Pulling ${svc.image}` });
      }
    }
  } catch (err) {
    const e = err instanceof BerthError ? err : new BerthError('ENGINE_ERROR', String(err));
    throw new BerthError(e.code, `Pulling "${svc.image}" for "${svc.name}" failed: ${e.message}`, e.details);
  }
}
