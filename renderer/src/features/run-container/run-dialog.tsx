import { useMemo, useRef, useState } from 'react';
import type { RunIssue } from '../../../../contract/models/container-run.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { Modal, ModalCloseButton } from '../../ui/modal.js';
import { Spinner } from '../../ui/spinner.js';
import { clientIssues, draftField, draftFromPrefill, errorsByField, isDraftDirty, specInput, type RestartPolicy, type RunDraft } from './draft.js';
import { Field, fieldAria } from './field.js';
import { MountsEditor, PortsEditor, TmpfsEditor, VolumesEditor } from './row-editors.js';
import { aboveEngineMemory } from './memory-note.js';
import { describeFailure } from './run-errors.js';
import { runWarningsNotice } from './run-warnings.js';
import type { RunPrefill } from './store.js';
import { useNetworks } from './use-networks.js';
import './run-dialog.css';

type Phase = 'idle' | 'checking' | 'running';

/** The "Run a container" dialog: every field checked as you type, the engine's checks before running. */
export function RunDialog({ prefill, onClose }: { prefill: RunPrefill; onClose(): void }) {
  const api = useApi();
  const openPullDialog = useAppStore((s) => s.openPullDialog);
  const pushNotice = useAppStore((s) => s.pushNotice);
  const engineMemory = useAppStore((s) => s.engineInfo?.system.memTotal);
  const [initial] = useState<RunDraft>(() => draftFromPrefill(prefill));
  const [draft, setDraft] = useState<RunDraft>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<RunIssue[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const { networks, error: networksError } = useNetworks();
  const formRef = useRef<HTMLFormElement>(null);
  const busy = phase !== 'idle';
  // Escape, ✕ and Cancel ask before throwing away what was typed; an untouched form just closes.
  const dirty = useMemo(() => isDraftDirty(draft, initial), [draft, initial]);

  const local = useMemo(() => clientIssues(draft), [draft]);
  const localErrors = useMemo(() => errorsByField(draft, local), [draft, local]);
  const serverErrors = useMemo(() => errorsByField(draft, serverIssues), [draft, serverIssues]);
  const errors = useMemo(() => {
    const shown: Record<string, string> = {};
    for (const [f, m] of Object.entries(localErrors)) if (submitted || touched.has(f)) shown[f] = m;
    return { ...serverErrors, ...shown };
  }, [localErrors, serverErrors, submitted, touched]);

  const update = (change: (d: RunDraft) => RunDraft) => setDraft(change);
  const touch = (field: string) => {
    setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));
    setServerIssues((issues) => issues.filter((i) => draftField(draft, i.field) !== field));
    setFailure(null);
  };
  const setField = <K extends keyof RunDraft>(key: K, value: RunDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    touch(key === 'restart' ? 'restart' : key);
  };

  async function submit() {
    if (busy) return;
    setSubmitted(true);
    setFailure(null);
    if (local.length) {
      setServerIssues([]);
      focusFirstInvalid();
      return;
    }
    const input = specInput(draft);
    try {
      setPhase('checking');
      const { issues } = await api.containers.validateRun(input);
      if (issues.length) {
        setServerIssues(issues);
        setPhase('idle');
        focusFirstInvalid();
        return;
      }
      setPhase('running');
      const result = await api.containers.run(input);
      const warned = runWarningsNotice(result);
      if (warned) pushNotice(warned);
      onClose();
      window.location.hash = `#/containers/${encodeURIComponent(result.id)}`;
    } catch (err) {
      const f = describeFailure(err);
      if (f.issues.length) setServerIssues(f.issues);
      else setFailure(f.message);
      setPhase('idle');
    }
  }

  function focusFirstInvalid() {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  const messages = [...new Set(Object.values(errors))];
  const imageMissing = serverIssues.some((i) => i.reason === 'image-missing');
  const editor = { draft, errors, disabled: busy, update, touch };

  const footer = (
    <>
      {failure || (submitted && messages.length > 0) ? (
        <div className="run-alert" role="alert">
          {failure ? (
            <p>
              <strong>The container could not be run:</strong> {failure}
            </p>
          ) : (
            <>
              <p>
                <strong>{messages.length === 1 ? 'One thing to fix before running:' : `${messages.length} things to fix before running:`}</strong>
              </p>
              <ul>
                {messages.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </>
          )}
          {imageMissing ? (
            <button type="button" className="btn" onClick={() => openPullDialog(draft.image.trim())}>
              Pull {draft.image.trim()}…
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="run-dialog__actions">
        <p className="run-dialog__status" role="status">
          {busy ? (
            <>
              <Spinner /> {phase === 'checking' ? 'Checking with the engine…' : `Creating and starting ${draft.name.trim() || 'the container'}…`}
            </>
          ) : null}
        </p>
        <ModalCloseButton className="btn" disabled={busy}>
          Cancel
        </ModalCloseButton>
        <button type="submit" form="run-form" className="btn btn--primary" disabled={busy}>
          Run
        </button>
      </div>
    </>
  );

  return (
    <Modal title="Run a container" closeLabel="Close" size="wide" className="run-dialog" busy={busy} closeOnBackdrop={false} dirty={dirty} discardQuestion="Discard this container’s settings?" onClose={onClose} footer={footer}>
      <form
        id="run-form"
        ref={formRef}
        className="run-dialog__body"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset className="run-grid" disabled={busy}>
          <Field id="run-image" label="Image" error={errors.image} wide hint="e.g. nginx:1.27 or registry.example.com/team/app:tag">
            <input className="input" {...fieldAria('run-image', errors.image, errors.image ? undefined : 'run-image-hint')} data-autofocus={prefill.image ? undefined : true} value={draft.image} autoComplete="off" spellCheck={false} onChange={(e) => setField('image', e.target.value)} />
          </Field>
          <Field id="run-name" label="Name" error={errors.name} hint="Empty: the engine picks one">
            <input className="input" {...fieldAria('run-name', errors.name)} data-autofocus={prefill.image ? true : undefined} value={draft.name} autoComplete="off" spellCheck={false} onChange={(e) => setField('name', e.target.value)} />
          </Field>
          <Field id="run-command" label="Command" error={errors.command} hint="Empty: the image’s default. Quotes work as in a shell.">
            <input className="input mono" {...fieldAria('run-command', errors.command)} value={draft.command} autoComplete="off" spellCheck={false} onChange={(e) => setField('command', e.target.value)} />
          </Field>
          <Field id="run-env" label="Environment" error={errors.env} hint="One KEY=VALUE per line" wide>
            <textarea className="input mono" rows={3} {...fieldAria('run-env', errors.env)} value={draft.env} spellCheck={false} onChange={(e) => setField('env', e.target.value)} />
          </Field>
        </fieldset>
        <PortsEditor {...editor} />
        <MountsEditor {...editor} />
        <VolumesEditor {...editor} />
        <TmpfsEditor {...editor} />
        <fieldset className="run-grid" disabled={busy}>
          <Field id="run-network" label="Network" error={errors.network ?? networksError} hint={<a href="#/networks">See or create networks</a>}>
            <select className="input" {...fieldAria('run-network', errors.network)} value={draft.network} onChange={(e) => setField('network', e.target.value)}>
              <option value="">Default (bridge)</option>
              {networks
                .filter((n) => n.name !== 'bridge')
                .map((n) => (
                  <option key={n.id} value={n.name}>
                    {n.name} ({n.driver})
                  </option>
                ))}
            </select>
          </Field>
          <Field id="run-restart" label="Restart policy" error={errors.restart}>
            <select className="input" {...fieldAria('run-restart', errors.restart)} value={draft.restart} onChange={(e) => setField('restart', e.target.value as RestartPolicy)}>
              <option value="no">No</option>
              <option value="always">Always</option>
              <option value="unless-stopped">Unless stopped</option>
              <option value="on-failure">On failure</option>
            </select>
          </Field>
          {draft.restart === 'on-failure' ? (
            <Field id="run-retries" label="Maximum retries" error={errors.maxRetries} hint="Empty: no maximum">
              <input className="input" inputMode="numeric" {...fieldAria('run-retries', errors.maxRetries)} value={draft.maxRetries} onChange={(e) => setField('maxRetries', e.target.value)} />
            </Field>
          ) : null}
          <Field id="run-cpus" label="CPUs" error={errors.cpus} hint="e.g. 0.5; empty: no limit">
            <input className="input" inputMode="decimal" {...fieldAria('run-cpus', errors.cpus)} value={draft.cpus} onChange={(e) => setField('cpus', e.target.value)} />
          </Field>
          <Field id="run-memory" label="Memory" error={errors.memory} hint={aboveEngineMemory(draft.memory.trim(), engineMemory) ?? 'e.g. 256m or 1g; empty: no limit'}>
            <input className="input" {...fieldAria('run-memory', errors.memory)} value={draft.memory} onChange={(e) => setField('memory', e.target.value)} />
          </Field>
          <Field id="run-labels" label="Labels" error={errors.labels} hint="One KEY=VALUE per line" wide>
            <textarea className="input mono" rows={2} {...fieldAria('run-labels', errors.labels)} value={draft.labels} spellCheck={false} onChange={(e) => setField('labels', e.target.value)} />
          </Field>
          <label className="run-check run-field--wide">
            <input type="checkbox" checked={draft.autoRemove} onChange={(e) => setField('autoRemove', e.target.checked)} /> Auto-remove (delete the container when it exits)
          </label>
        </fieldset>

      </form>
    </Modal>
  );
}
