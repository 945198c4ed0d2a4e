import { useEffect, useRef, useState, type FormEvent } from 'react';
import { archiveSizeProblem, volumeNameSchema } from '../../../../contract/domains/volumes.js';
import type { VolumeImportDone } from '../../../../contract/models/volumes.js';
import { useApi } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { Modal, ModalCloseButton } from '../../ui/modal.js';
import { saveBlob } from '../files/download-transfer.js';
import { ARCHIVE_ACCEPT, ARCHIVE_KINDS, archiveBaseName } from './archive-types.js';
import { fieldMessage } from '../../lib/field-message.js';
import { JobProgress } from './job-progress.js';
import { messageOf } from '../../lib/error-message.js';
import { progressThrottle } from '../../lib/progress-throttle.js';
import { followJob, receiveBlob, sendBlob, type Running } from './volume-transfer.js';

type Phase = { kind: 'form' } | { kind: 'running'; bytes: number; total: number | null } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

/** A volume name from an archive's file name ("app-data.tar.gz" → "app-data"), or undefined when none fits. */
export function nameFromArchive(fileName: string): string | undefined {
  const base = archiveBaseName(fileName);
  return base && !checkName(base) ? base : undefined;
}

/** Validate a volume name for a form; the message names the field. */
export function checkName(name: string): string | undefined {
  const parsed = volumeNameSchema.safeParse(name);
  return parsed.success ? undefined : fieldMessage('The name', parsed.error.issues[0]?.message ?? 'is not valid');
}

function useJob() {
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const running = useRef<Running<unknown>>(undefined);
  const start = <T,>(job: Running<T>, onDone: (r: T) => string) => {
    running.current = job;
    setPhase({ kind: 'running', bytes: 0, total: null });
    job.done.then(
      (r) => setPhase({ kind: 'done', text: onDone(r) }),
      (err: unknown) => setPhase({ kind: 'error', text: messageOf(err) }),
    );
  };
  // Shown a few times a second; a value still pending when the job ends is ignored (not 'running').
  const [shown] = useState(() => progressThrottle((at: { bytes: number; total: number | null }) => setPhase((p) => (p.kind === 'running' ? { kind: 'running', ...at } : p))));
  useEffect(() => () => shown.cancel(), [shown]);
  const progress = (bytes: number, total: number | null) => shown.push({ bytes, total });
  const cancel = () => running.current?.cancel();
  /** Forget the last attempt's failure (the input changed, or a new attempt starts): only the current error shows. */
  const clearError = () => setPhase((p) => (p.kind === 'error' ? { kind: 'form' } : p));
  return { phase, setPhase, start, progress, cancel, clearError };
}

function JobFooter({ phase, submitLabel, form, onClose, onCancel, disabled }: { phase: Phase; submitLabel: string; form?: string; onClose(): void; onCancel(): void; disabled?: boolean }) {
  if (phase.kind === 'running')
    return (
      <button type="button" className="btn" onClick={onCancel}>
        Cancel
      </button>
    );
  if (phase.kind === 'done')
    return (
      <button type="button" className="btn" onClick={onClose}>
        Close
      </button>
    );
  return (
    <>
      <ModalCloseButton className="btn">Cancel</ModalCloseButton>
      <button type="submit" form={form} className="btn btn--primary" disabled={disabled}>
        {submitLabel}
      </button>
    </>
  );
}

function Outcome({ phase, label }: { phase: Phase; label: string }) {
  if (phase.kind === 'running') return <JobProgress label={label} bytes={phase.bytes} total={phase.total} />;
  if (phase.kind === 'done')
    return (
      <p className="vol-success" role="status">
        {phase.text}
      </p>
    );
  if (phase.kind === 'error')
    return (
      <p className="vol-error" role="alert">
        {phase.text}
      </p>
    );
  return null;
}

/** Clone a volume into a new one with the same driver, labels and files. */
export function CloneDialog({ source, onClose }: { source: string; onClose(): void }) {
  const api = useApi();
  const job = useJob();
  const [target, setTarget] = useState(`${source}-copy`);
  const [invalid, setInvalid] = useState<string>();
  // A new name: the errors about the old one go.
  const edit = (value: string) => {
    setTarget(value);
    setInvalid(undefined);
    job.clearError();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    job.clearError();
    const bad = checkName(target.trim());
    setInvalid(bad);
    if (bad) return;
    job.start(followJob((h) => api.volumes.clone({ source, target: target.trim() }, h), job.progress), (r) => `Cloned into ${r.volume} (${formatBytes(r.bytes)} copied).`);
  };
  return (
    <Modal
      title={`Clone volume ${source}`}
      onClose={onClose}
      busy={job.phase.kind === 'running'}
      closeOnBackdrop={false}
      // A name other than the one offered was typed: closing asks first, as Create and Import do.
      dirty={(job.phase.kind === 'form' || job.phase.kind === 'error') && target.trim() !== `${source}-copy`}
      discardQuestion="Discard this clone?"
      footer={<JobFooter phase={job.phase} submitLabel="Clone" form="vol-clone" onClose={onClose} onCancel={job.cancel} />}>
      <form id="vol-clone" className="vol-form" onSubmit={submit} noValidate>
        <div className="vol-field">
          <label htmlFor="vol-clone-name">Name of the new volume</label>
          <input id="vol-clone-name" data-autofocus value={target} onChange={(e) => edit(e.target.value)} aria-invalid={!!invalid} disabled={job.phase.kind === 'running'} spellCheck={false} />
          {invalid ? (
            <p className="vol-field__error" role="alert">
              {invalid}
            </p>
          ) : null}
        </div>
      </form>
      <Outcome phase={job.phase} label="Copied" />
    </Modal>
  );
}

/** Import a tar archive (plain, gzip, bzip2 or xz) into a new volume (or, with `into`, into that existing empty one). */
export function ImportDialog({ into, onClose }: { into?: string; onClose(): void }) {
  const api = useApi();
  const job = useJob();
  const [name, setName] = useState(into ?? '');
  const [file, setFile] = useState<File>();
  const [invalid, setInvalid] = useState<{ name?: string; file?: string }>({});
  // A new name or file: the errors about the old one go.
  const editName = (value: string) => {
    setName(value);
    setInvalid((i) => ({ ...i, name: undefined }));
    job.clearError();
  };
  const editFile = (value: File | undefined) => {
    setFile(value);
    // The archive's name, as Export names it (<volume>.tar.gz), is the new volume's name unless one was typed.
    const suggested = value ? nameFromArchive(value.name) : undefined;
    if (!into && suggested && !name.trim()) setName(suggested);
    setInvalid((i) => ({ ...i, file: undefined }));
    job.clearError();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    job.clearError();
    const bad = { name: into ? undefined : checkName(name.trim()), file: file ? archiveSizeProblem(file.size) : `Choose an archive (${ARCHIVE_KINDS}) to import` };
    setInvalid(bad);
    if (bad.name || bad.file || !file) return;
    const target = into ?? name.trim();
    job.start(
      sendBlob<VolumeImportDone>((h) => api.volumes.import({ name: target, create: !into, size: file.size }, h), file, (b) => job.progress(b, file.size)),
      (r) => `Imported ${file.name} into ${r.name}.`,
    );
  };
  return (
    <Modal
      title={into ? `Import into ${into}` : 'Import a volume'}
      onClose={onClose}
      busy={job.phase.kind === 'running'}
      closeOnBackdrop={false}
      dirty={(job.phase.kind === 'form' || job.phase.kind === 'error') && (!!file || (!into && !!name.trim()))}
      discardQuestion="Discard this import?"
      footer={<JobFooter phase={job.phase} submitLabel="Import" form="vol-import" onClose={onClose} onCancel={job.cancel} />}>
      <form id="vol-import" className="vol-form" onSubmit={submit} noValidate>
        {into ? (
          <p>The files of the archive are unpacked into {into}, which must be empty.</p>
        ) : (
          <div className="vol-field">
            <label htmlFor="vol-import-name">Name of the new volume</label>
            <input id="vol-import-name" data-autofocus value={name} onChange={(e) => editName(e.target.value)} aria-invalid={!!invalid.name} spellCheck={false} />
            {invalid.name ? (
              <p className="vol-field__error" role="alert">
                {invalid.name}
              </p>
            ) : null}
          </div>
        )}
        <div className="vol-field">
          <label htmlFor="vol-import-file">Archive ({ARCHIVE_KINDS})</label>
          <input id="vol-import-file" type="file" accept={ARCHIVE_ACCEPT} onChange={(e) => editFile(e.target.files?.[0])} aria-invalid={!!invalid.file} />
          {invalid.file ? (
            <p className="vol-field__error" role="alert">
              {invalid.file}
            </p>
          ) : null}
        </div>
      </form>
      <Outcome phase={job.phase} label="Sent" />
    </Modal>
  );
}

/** Export a volume to a .tar.gz download, with progress and cancel. */
export function ExportDialog({ name, onClose }: { name: string; onClose(): void }) {
  const api = useApi();
  const job = useJob();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    job.start(
      receiveBlob((h) => api.volumes.export({ name }, h), (b) => job.progress(b, null)),
      ({ blob, head }) => {
        saveBlob(blob, head.fileName);
        return `Saved ${head.fileName} (${formatBytes(blob.size)}).`;
      },
    );
  };
  return (
    <Modal title={`Export volume ${name}`} onClose={onClose} busy={job.phase.kind === 'running'} footer={<JobFooter phase={job.phase} submitLabel="Export" form="vol-export" onClose={onClose} onCancel={job.cancel} />}>
      <form id="vol-export" onSubmit={submit}>
        <p>Every file of {name} goes into {name}.tar.gz, which can be imported into a volume here or elsewhere.</p>
      </form>
      <Outcome phase={job.phase} label="Received" />
    </Modal>
  );
}

/** Empty a volume: confirm, then delete everything inside it (the volume stays). */
export function EmptyDialog({ name, onClose }: { name: string; onClose(): void }) {
  const api = useApi();
  const job = useJob();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    job.start(followJob((h) => api.volumes.empty({ name }, h), job.progress), () => `${name} is empty.`);
  };
  return (
    <Modal
      title={`Empty volume ${name}?`}
      tone="danger"
      role="alertdialog"
      onClose={onClose}
      busy={job.phase.kind === 'running'}
      footer={<JobFooter phase={job.phase} submitLabel="Delete everything" form="vol-empty" onClose={onClose} onCancel={job.cancel} />}
    >
      <form id="vol-empty" onSubmit={submit}>
        <p>Every file and folder in {name} is deleted. The volume itself stays. No copy is kept.</p>
      </form>
      <Outcome phase={job.phase} label="Emptying" />
    </Modal>
  );
}
