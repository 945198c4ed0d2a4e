import { useState, type FormEvent } from 'react';
import { createVolumeSchema } from '../../../../contract/domains/volumes.js';
import { useApi } from '../../app/runtime-context.js';
import { Modal, ModalCloseButton } from '../../ui/modal.js';
import { useAction } from '../../ui/use-action.js';
import { fieldMessage } from '../../lib/field-message.js';
import { parseKeyValueLines } from '../../lib/key-value-lines.js';

type Field = 'name' | 'driver' | 'options' | 'labels';

/** Create a volume: name (or none for a random one), driver, driver options and labels, checked before sending. */
export function CreateVolumeDialog({ onClose, onCreated }: { onClose(): void; onCreated(name: string): void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  const [options, setOptions] = useState('');
  const [labels, setLabels] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const { busy, error: failure, setError: setFailure, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    const opts = parseKeyValueLines(options, 'Driver options');
    const labs = parseKeyValueLines(labels, 'Labels');
    const found: Partial<Record<Field, string>> = {};
    if ('error' in opts) found.options = opts.error;
    if ('error' in labs) found.labels = labs.error;
    const parsed = createVolumeSchema.safeParse({ name, driver, options: 'value' in opts ? opts.value : {}, labels: 'value' in labs ? labs.value : {} });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        const label = { name: 'The name', driver: 'The driver', options: 'Driver options', labels: 'Labels' }[field] ?? 'A field';
        found[field] ??= issue.path.length > 1 ? `${label}: “${String(issue.path[1])}”: ${issue.message}` : fieldMessage(label, issue.message);
      }
    }
    setErrors(found);
    if (Object.keys(found).length || !parsed.success) return;
    await run(async () => {
      const v = await api.volumes.create(parsed.data);
      onCreated(v.name);
    });
  };

  const field = (id: Field, label: string, input: React.ReactNode, hint?: string) => (
    <div className="vol-field">
      <label htmlFor={`vol-${id}`}>{label}</label>
      {input}
      {hint ? <p className="vol-field__hint muted">{hint}</p> : null}
      {errors[id] ? (
        <p className="vol-field__error" role="alert" id={`vol-${id}-error`}>
          {errors[id]}
        </p>
      ) : null}
    </div>
  );

  return (
    <Modal
      title="Create a volume"
      onClose={onClose}
      dirty={!!(name.trim() || driver !== 'local' || options.trim() || labels.trim())}
      discardQuestion="Discard this volume’s settings?"
      busy={busy}
      error={failure}
      closeOnBackdrop={false}
      footer={
        <>
          <ModalCloseButton className="btn" disabled={busy}>
            Cancel
          </ModalCloseButton>
          <button type="submit" form="vol-create" className="btn btn--primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create'}
          </button>
        </>
      }
    >
      <form id="vol-create" className="vol-form" onSubmit={(e) => void submit(e)} noValidate>
        {/* While the engine works, nothing can be edited or cancelled (Escape and ✕ wait too), as in the other create dialogs. */}
        <fieldset className="vol-form vol-fieldset" disabled={busy}>
          {field(
            'name',
            'Name',
            <input id="vol-name" data-autofocus value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!errors.name} autoComplete="off" spellCheck={false} />,
            'Leave empty for a random name.',
          )}
          {field('driver', 'Driver', <input id="vol-driver" value={driver} onChange={(e) => setDriver(e.target.value)} aria-invalid={!!errors.driver} spellCheck={false} />)}
          {field(
            'options',
            'Driver options',
            <textarea id="vol-options" rows={3} value={options} onChange={(e) => setOptions(e.target.value)} aria-invalid={!!errors.options} placeholder="type=tmpfs&#10;device=tmpfs&#10;o=size=100m" spellCheck={false} />,
            'One key=value a line. The local driver takes type, device and o.',
          )}
          {field('labels', 'Labels', <textarea id="vol-labels" rows={3} value={labels} onChange={(e) => setLabels(e.target.value)} aria-invalid={!!errors.labels} placeholder="team=web" spellCheck={false} />, 'One key=value a line.')}
        </fieldset>
      </form>
    </Modal>
  );
}
