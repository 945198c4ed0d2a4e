import { useCallback, useEffect, useState } from 'react';
import { cpusSchema, memorySchema } from '../../../../contract/domains/container-run-spec.js';
import { formatMemory } from '../../../../contract/domains/container-run-parse.js';
import type { ContainerResources } from '../../../../contract/models/container-run.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { Spinner } from '../../ui/spinner.js';
import { fieldAria, FieldError } from '../run-container/field.js';
import { aboveEngineMemory } from '../run-container/memory-note.js';
import { describeFailure } from '../run-container/run-errors.js';
import '../run-container/run-dialog.css';

type Load = { kind: 'loading' } | { kind: 'ready'; r: ContainerResources } | { kind: 'error'; message: string };

const firstIssue = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? undefined : r.error?.issues[0]?.message);

/**
 * CPU and memory limits of a container (`docker update`), also while it runs: the current limits
 * and memory in use from the engine, fields checked as you type, and the engine's refusals readable
 * (e.g. a memory limit below what the container uses).
 */
export function ResourcesPanel({ id }: { id: string }) {
  const api = useApi();
  // Re-read when the container starts or stops (its usage and running state change).
  const state = useAppStore((s) => s.containers.get(id)?.state ?? [...s.containers.values()].find((c) => c.name === id)?.state);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [cpus, setCpus] = useState('');
  const [memory, setMemory] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ cpus?: string; memory?: string }>({});
  const [done, setDone] = useState<string | null>(null);

  const show = useCallback((r: ContainerResources) => {
    setLoad({ kind: 'ready', r });
    setCpus(r.cpus === null ? '' : String(r.cpus));
    setMemory(r.memory === null ? '' : formatMemory(r.memory));
  }, []);

  useEffect(() => {
    let live = true;
    api.containers.resources({ id }).then(
      (r) => live && show(r),
      (err: unknown) => live && setLoad({ kind: 'error', message: describeFailure(err).message }),
    );
    return () => {
      live = false;
    };
  }, [api, id, state, show]);

  const cpusError = fieldErrors.cpus ?? firstIssue(cpusSchema.safeParse(cpus));
  const memoryError = fieldErrors.memory ?? firstIssue(memorySchema.safeParse(memory));
  const memoryNote = load.kind === 'ready' && !memoryError ? aboveEngineMemory(memory.trim(), load.r.engineMemory) : undefined;

  async function apply() {
    if (load.kind !== 'ready' || cpusError || memoryError) return;
    const r = load.r;
    const args: { id: string; cpus?: string; memory?: string } = { id: r.id };
    if (cpus.trim() && Number(cpus) !== r.cpus) args.cpus = cpus;
    if (memory.trim() && memorySchema.parse(memory) !== r.memory) args.memory = memory;
    if (args.cpus === undefined && args.memory === undefined) {
      // An emptied field whose limit is set asks for "no limit": the engine cannot do that, so say so
      // instead of "already these".
      const kept = [r.cpus !== null && !cpus.trim() ? `the CPU limit (${r.cpus})` : '', r.memory !== null && !memory.trim() ? `the memory limit (${formatBytes(r.memory)})` : ''].filter(Boolean);
      setDone(
        kept.length
          ? `A limit cannot be removed from an existing container: ${kept.join(' and ')} ${kept.length === 1 ? 'stays' : 'stay'}. Set a higher one instead.`
          : 'Nothing to change: the limits are already these.',
      );
      return;
    }
    setBusy(true);
    setFailure(null);
    setDone(null);
    try {
      show(await api.containers.update(args));
      setDone('Limits updated.');
    } catch (err) {
      const f = describeFailure(err);
      const byField: { cpus?: string; memory?: string } = {};
      for (const i of f.issues) if (i.field === 'cpus' || i.field === 'memory') byField[i.field] = i.message;
      setFieldErrors(byField);
      setFailure(f.message);
    } finally {
      setBusy(false);
    }
  }

  if (load.kind === 'loading') {
    return (
      <section className="resources-panel" aria-label="Resources">
        <h3>Resources</h3>
        <p role="status">
          <Spinner /> Reading limits…
        </p>
      </section>
    );
  }
  if (load.kind === 'error') {
    return (
      <section className="resources-panel" aria-label="Resources">
        <h3>Resources</h3>
        <p className="run-alert" role="alert">
          The limits could not be read: {load.message}
        </p>
      </section>
    );
  }
  const r = load.r;
  return (
    <section className="resources-panel" aria-label="Resources">
      <h3>Resources</h3>
      <p className="resources-panel__current">
        CPU limit: {r.cpus === null ? 'none' : `${r.cpus} of ${r.engineCpus} CPUs`} · Memory limit: {r.memory === null ? 'none' : formatBytes(r.memory)}
        {r.memoryUsage !== undefined ? ` · In use: ${formatBytes(r.memoryUsage)}` : ''}
      </p>
      <form
        className="resources-panel__grid"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <div className="run-field">
          <label className="run-field__label" htmlFor="resources-cpus">
            CPUs
          </label>
          <input
            className="input"
            inputMode="decimal"
            placeholder={`no limit (max ${r.engineCpus})`}
            {...fieldAria('resources-cpus', cpusError)}
            value={cpus}
            disabled={busy}
            onChange={(e) => {
              setCpus(e.target.value);
              setFieldErrors((f) => ({ ...f, cpus: undefined }));
              setFailure(null);
            }}
          />
          <FieldError id="resources-cpus" error={cpusError} />
        </div>
        <div className="run-field">
          <label className="run-field__label" htmlFor="resources-memory">
            Memory limit
          </label>
          <input
            className="input"
            placeholder="no limit, e.g. 512m"
            {...fieldAria('resources-memory', memoryError)}
            value={memory}
            disabled={busy}
            onChange={(e) => {
              setMemory(e.target.value);
              setFieldErrors((f) => ({ ...f, memory: undefined }));
              setFailure(null);
            }}
          />
          <FieldError id="resources-memory" error={memoryError} />
          {memoryNote ? <p className="run-field__hint">{memoryNote}</p> : null}
        </div>
        <div className="resources-panel__actions run-field--wide">
          <button type="submit" className="btn btn--primary" disabled={busy || Boolean(cpusError || memoryError)}>
            Apply limits
          </button>
          <span role="status" className="resources-panel__current">
            {busy ? (
              <>
                <Spinner /> Applying…
              </>
            ) : (
              done
            )}
          </span>
        </div>
      </form>
      {failure ? (
        <p className="run-alert" role="alert">
          The limits could not be changed: {failure}
        </p>
      ) : null}
      <p className="run-field__hint">A running container keeps running; a limit can be raised or lowered, but not removed while it exists.</p>
    </section>
  );
}
