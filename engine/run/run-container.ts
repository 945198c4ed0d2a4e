import type Docker from 'dockerode';
import type { RunSpec } from '../../contract/domains/container-run-spec.js';
import { BerthError } from '../../contract/errors.js';
import type { RunIssue, RunResult } from '../../contract/models/container-run.js';
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
export async function runContainer(docker: Docker, spec: RunSpec, checks: RunCheckDeps, host: string): Promise<RunResult> {
  const issues = await checkRunSpec(spec, checks);
  if (issues.length) throw runValidationError(issues);

  const createdVolumes: string[] = [];
  let container: Docker.Container | undefined;
  try {
    for (const v of spec.volumes) {
      const present = await docker
        .getVolume(v.name)
        .inspect()
        .then(
          () => true,
          (err: unknown) => {
            if ((err as { statusCode?: unknown }).statusCode === 404) return false;
            throw err;
          },
        );
      if (!present && !createdVolumes.includes(v.name)) {
        await docker.createVolume({ Name: v.name });
        createdVolumes.push(v.name);
      }
    }
    const created = await (docker.createContainer(createOptions(spec)) as Promise<Docker.Container & { Warnings?: unknown }>);
    container = created;
    const raw = await created.inspect();
    const warnings = Array.isArray((created as { Warnings?: unknown }).Warnings) ? ((created as { Warnings?: unknown[] }).Warnings ?? []).map(String) : [];
    await created.start();
    return { id: raw.Id, name: raw.Name.replace(/^\//, ''), warnings, createdVolumes };
  } catch (err) {
    const readable = await explainPortConflict(toBerthError(err, host), docker);
    await container?.remove({ force: true }).catch(() => undefined);
    for (const name of createdVolumes) await docker.getVolume(name).remove().catch(() => undefined);
    throw readable;
  }
}
