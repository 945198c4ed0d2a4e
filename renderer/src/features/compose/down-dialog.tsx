import { useEffect, useState } from 'react';
import type { ComposeDownPlan } from '../../../../contract/models/compose.js';
import { useApi } from '../../app/runtime-context.js';
import { Modal } from '../../ui/modal.js';
import { countOf } from './compose-projects.js';
import { messageOf } from '../../lib/error-message.js';

/**
 * Confirm `down`: lists exactly the containers, networks, volumes and images it removes, read from the
 * engine. When the project's files are gone (or no longer load), it says so: down then goes by the
 * project's labels alone.
 */
export function DownDialog({
  project,
  files,
  onClose,
  onDone,
  onFailed,
}: {
  project: string;
  files?: string[];
  onClose(): void;
  onDone(removed: ComposeDownPlan): void;
  /** A down that failed part-way (a volume still in use, say): what it removed before is gone all the same. */
  onFailed?(): void;
}) {
  const api = useApi();
  const [volumes, setVolumes] = useState(false);
  const [images, setImages] = useState<'none' | 'local' | 'all'>('none');
  const [plan, setPlan] = useState<ComposeDownPlan>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // Read again after a failed down: it may have removed the containers before it failed, and the plan
  // then still listed them as what Down removes.
  const [reads, setReads] = useState(0);
  useEffect(() => {
    let live = true;
    setPlan(undefined);
    api.compose.downPlan({ project, volumes, images, files }).then(
      (p) => live && setPlan(p),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [api, project, volumes, images, files, reads]);
  const list = (what: string, items: string[]) =>
    items.length ? (
      <div>
        <strong>
          {countOf(items.length, what)}
        </strong>
        <ul className="compose-down__list">
          {items.map((i) => (
            <li key={i}>
              <code>{i}</code>
            </li>
          ))}
        </ul>
      </div>
    ) : null;
  const nothing = plan && !plan.containers.length && !plan.networks.length && !plan.volumes.length && !plan.images.length;
  return (
    <Modal
      title={`Take down “${project}”?`}
      onClose={onClose}
      busy={busy}
      error={error}
      tone="danger"
      role="alertdialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn--danger"
            disabled={!plan || busy || !!nothing}
            onClick={() => {
              setBusy(true);
              api.compose.down({ project, volumes, images, files }).then(
                (r) => onDone(r),
                (e: unknown) => {
                  setBusy(false);
                  setError(messageOf(e));
                  setReads((n) => n + 1);
                  onFailed?.();
                },
              );
            }}
          >
            {busy ? 'Removing…' : 'Down'}
          </button>
        </>
      }
    >
      <fieldset className="compose-down__options" disabled={busy}>
        <legend className="visually-hidden">What else to remove</legend>
        <label className="check">
          <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} /> Also remove the project’s named volumes (their data is lost)
        </label>
        <label className="field">
          <span>Images</span>
          <select className="select" value={images} onChange={(e) => setImages(e.target.value as typeof images)}>
            <option value="none">Keep images</option>
            <option value="local">Remove images built for the project</option>
            <option value="all">Remove every image its services use</option>
          </select>
        </label>
      </fieldset>
      {plan ? (
        <div className="compose-down" data-testid="down-plan">
          {plan.filesNotRead ? (
            <p className="compose-down__note" data-testid="down-files-not-read">
              {plan.filesNotRead}. Down goes by the project’s labels instead (as <code>docker compose down -p {project}</code> does): it removes the project’s containers and networks
              {volumes ? ', and its named volumes' : ''}
              {images === 'local' ? ', and the images built for it' : images === 'all' ? ', and the images its containers use' : ''}, as listed below.
            </p>
          ) : null}
          <p>This removes:</p>
          {list('container', plan.containers)}
          {list('network', plan.networks)}
          {list('volume', plan.volumes)}
          {list('image', plan.images)}
          {nothing ? <p>Nothing: the project has no containers, networks or other resources left.</p> : null}
          {plan.keptVolumes.length ? (
            <p className="compose-down__kept" data-testid="down-kept">
              Kept: {countOf(plan.keptVolumes.length, 'named volume')} with {plan.keptVolumes.length === 1 ? 'its' : 'their'} data,{' '}
              {plan.keptVolumes.map((v, i) => (
                <span key={v}>
                  {i ? ', ' : ''}
                  <code>{v}</code>
                </span>
              ))}
              .
            </p>
          ) : null}
        </div>
      ) : (
        <p className="muted">Reading what the project has…</p>
      )}
    </Modal>
  );
}
