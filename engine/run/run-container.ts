import type { RunSpec } from '../../contract/domains/container-run-spec.js';
import { BerthError } from '../../contract/errors.js';
import type { RunIssue, RunResult } from '../../contract/models/container-run.js';
import { containerAction, createContainer, exists, inspectContainer, removeContainer } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';
import { createOptions } from './create-options.js';
import { explainPortConflict } from './port-holder.js';
import { checkRunSpec, type RunCheckDeps } from './run-checks.js';

/** The issues as one VALIDATION error (details.issues names each field, like the contract's own). */
export function runValidationError(issues: RunIssue[]): BerthError {
  return new BerthError('VALIDATION', issues.map((i) => i.message).join('; '), { issues });
}

/**
 * `docker run -d`: check the spec, create missing named volumes, create, start. When the start fails
 * (e.g. the OS refuses the port), the half-made container and the volumes made for it are removed so
 * the user can fix the spec and run it again under the same name.
 */
export async function runContainer(engine: EngineAdapter, spec: RunSpec, checks: RunCheckDeps, host: string): Promise<RunResult> {
  const issues = await checkRunSpec(spec, checks);
  if (issues.length) throw runValidationError(issues);

  const createdVolumes: string[] = [];
  let container: string | undefined;
  try {
    for (const v of spec.volumes) {
      const present = await exists(engine, `/volumes/${encodeURIComponent(v.name)}`);
      if (!present && !createdVolumes.includes(v.name)) {
        await engine.json<unknown>({ method: 'POST', path: '/volumes/create', body: { Name: v.name } });
        createdVolumes.push(v.name);
      }
    }
    const { name, ...body } = createOptions(spec);
    const created = await createContainer(engine, body, name);
    container = created.id;
    const raw = await inspectContainer(engine, created.id);
    await containerAction(engine, created.id, 'start');
    return { id: raw.Id, name: raw.Name.replace(/^\//, ''), warnings: created.warnings, createdVolumes };
  } catch (err) {
    const readable = await explainPortConflict(toBerthError(err, host), engine);
    if (container) await removeContainer(engine, container, { force: true }).catch(() => undefined);
    for (const name of createdVolumes) await engine.json<unknown>({ method: 'DELETE', path: `/volumes/${encodeURIComponent(name)}` }).catch(() => undefined);
    throw readable;
  }
}
