import { useEffect, useState } from 'react';
import { diskUsageKinds, type CleanupPreview, type CleanupResult, type DiskUsageKind } from '../../../../contract/models/disk-usage.js';
import { useApi } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { Modal } from '../../ui/modal.js';
import { Spinner } from '../../ui/spinner.js';
import { useAction } from '../../ui/use-action.js';
import { Field, fieldAria } from '../run-container/field.js';
import { describeFailure } from '../run-container/run-errors.js';
import { countOf, kindLabel, kindPrunes } from './kind-labels.js';
import '../../ui/form-fields.css';

interface CleanupDialogProps {
  /** The kinds ticked when it opens: one for "Prune…", all for "Clean up everything". */
  initial: readonly DiskUsageKind[];
  onClose(): void;
  onDone(result: CleanupResult): void;
}

/** Clean up: what would go and the space it frees first (nothing is removed by looking), then confirm, then what was really freed. */
export function CleanupDialog({ initial, onClose, onDone }: CleanupDialogProps) {
  const api = useApi();
  const [kinds, setKinds] = useState<DiskUsageKind[]>([...initial]);
  const [label, setLabel] = useState('');
  const [preview, setPreview] = useState<CleanupPreview>();
  const [previewError, setPreviewError] = useState<string>();
  const [result, setResult] = useState<CleanupResult>();
  const { busy, error, run: act } = useAction();
  const title = initial.length === 1 ? `Prune ${kindLabel[initial[0]!].toLowerCase()}` : 'Clean up everything';

  useEffect(() => {
    let live = true;
    setPreview(undefined);
    setPreviewError(undefined);
    if (!kinds.length) {
      setPreviewError('Choose at least one kind to clean up');
      return;
    }
    // Typing a label filter: ask once the typing pauses.
    const t = setTimeout(() => {
      api.system.cleanupPreview({ kinds, label: label.trim() || undefined }).then(
        (p) => live && setPreview(p),
        (err: unknown) => live && setPreviewError(describeFailure(err).issues[0]?.message ?? describeFailure(err).message),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, kinds, label]);

  const run = () =>
    act(async () => {
      const r = await api.system.cleanup({ kinds, label: label.trim() || undefined });
      setResult(r);
      onDone(r);
    });

  const items = preview?.kinds.reduce((t, k) => t + k.items.length, 0) ?? 0;
  const toggle = (k: DiskUsageKind, on: boolean) => setKinds((ks) => diskUsageKinds.filter((x) => (x === k ? on : ks.includes(x))));
  return (
    <Modal
      title={title}
      onClose={onClose}
      busy={busy}
      error={error}
      size="wide"
      tone="danger"
      className="run-dialog"
      footer={
        result ? (
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        ) : (
          <>
            <button type="button" className="btn" onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button type="button" className="btn btn--danger" disabled={!preview || items === 0 || busy} onClick={() => void run()}>
              {busy ? 'Cleaning up…' : items ? `Remove ${items} ${items === 1 ? 'item' : 'items'}` : 'Nothing to remove'}
            </button>
          </>
        )
      }
    >
      {result ? (
        <div role="status" className="du-result">
          <p>
            <strong>Freed {formatBytes(result.reclaimed)}</strong> (as the engine counts it).
          </p>
          <ul>
            {result.kinds.map((k) => (
              <li key={k.kind}>
                {kindLabel[k.kind]}: {k.error ? <span className="du-error">failed: {k.error}</span> : `${countOf(k.kind, k.removed)} removed, ${formatBytes(k.reclaimed)} freed`}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <fieldset className="du-kinds" disabled={busy}>
            <legend>What to remove</legend>
            {diskUsageKinds.map((k) => (
              <label key={k}>
                <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => toggle(k, e.target.checked)} /> {kindLabel[k]}: {kindPrunes[k]}
              </label>
            ))}
          </fieldset>
          <Field id="du-label" label="Only objects with the label" hint='Optional: "key" or "key=value" (build cache has no labels)' error={previewError && /label/i.test(previewError) ? previewError : undefined}>
            <input className="input" {...fieldAria('du-label', previewError && /label/i.test(previewError) ? previewError : undefined)} value={label} autoComplete="off" spellCheck={false} disabled={busy} onChange={(e) => setLabel(e.target.value)} />
          </Field>
          {!preview && !previewError ? <Spinner /> : null}
          {previewError && !/label/i.test(previewError) ? (
            <p className="du-error" role="alert">
              {previewError}
            </p>
          ) : null}
          {preview ? (
            <>
              <p className="du-summary" role="status">
                {items ? `Will remove ${items} ${items === 1 ? 'item' : 'items'} and free at least ` : 'Nothing to clean up: '}
                <strong>{items ? formatBytes(preview.reclaimable) : 'no space to reclaim'}</strong>
                {items ? '. What is removed here is not kept in “Recently removed” and cannot be restored.' : ''}
              </p>
              {preview.kinds.map((k) =>
                k.items.length ? (
                  <section key={k.kind} aria-label={`${kindLabel[k.kind]} to remove`}>
                    <h3 className="du-kind-title">
                      {kindLabel[k.kind]}: {countOf(k.kind, k.items.length)}, {formatBytes(k.reclaimable)}
                    </h3>
                    <ul className="du-items">
                      {k.items.map((i) => (
                        <li key={i.id}>
                          {i.name} <span className="muted">{formatBytes(i.size)}</span>
                        </li>
                      ))}
                    </ul>
                  </section>
                ) : null,
              )}
            </>
          ) : null}
        </>
      )}
    </Modal>
  );
}
