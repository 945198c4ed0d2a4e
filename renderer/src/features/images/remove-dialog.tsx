import { useId, useMemo, useState } from 'react';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { sortedTags, type ImageRow } from './image-rows.js';
import { removalBlock, selectImageUsers } from './image-users.js';
import { Modal } from '../../ui/modal.js';
import { useAction } from '../../ui/use-action.js';

/** What a confirmed removal took away: one tag (the image stays) or the image with all its tags. */
export type Removed = 'tag' | 'image';

/**
 * Confirm, naming exactly what goes, and the containers that use the image, live while the dialog is
 * open. A row (or a details page) of one tag of an image with several: only that tag goes, as
 * `docker rmi repo:tag` does; removing the image with every tag is an explicit second choice.
 */
export function RemoveDialog({ row, onClose, onRemoved }: { row: ImageRow; onClose(): void; onRemoved?(what: Removed): void }) {
  const api = useApi();
  const { image } = row;
  const canUntag = row.tag !== undefined && image.repoTags.length > 1;
  const [scope, setScopeState] = useState<Removed>(canUntag ? 'tag' : 'image');
  const radios = useId();
  const blockId = useId();
  const untagOnly = canUntag && scope === 'tag';
  const [force, setForce] = useState(false);
  const { busy, error, setError, run } = useAction();
  const containers = useAppStore((s) => s.containers);
  const live = useAppStore((s) => s.containersPhase === 'live');
  const users = useMemo(() => selectImageUsers(containers, live, image), [containers, live, image]);
  // Removing only a tag leaves the image to its containers; the whole image is blocked by them.
  const block = untagOnly ? undefined : removalBlock(users);
  // The box is only shown while force would get past the containers: a tick left from before does not count.
  const forced = !!block?.forceHelps && force;
  // A removal the dialog already says the engine refuses is not offered: only a forced one, when it can work.
  const refused = !!block && !forced;
  const title = canUntag ? `Remove ${row.name}?` : `Remove image ${row.name}?`;
  const tags = useMemo(() => sortedTags(image.repoTags), [image.repoTags]);
  const others = tags.filter((t) => t !== row.tag);
  const allTags = `${image.repoTags.length} tags`;

  const setScope = (next: Removed) => {
    setScopeState(next);
    // The last attempt's refusal was about the other choice.
    setError(undefined);
  };

  const confirm = () =>
    run(async () => {
      await api.images.remove({ image: untagOnly ? row.tag! : image.id, force: forced });
      onRemoved?.(untagOnly ? 'tag' : 'image');
      onClose();
    });

  return (
    <Modal
      title={title}
      onClose={onClose}
      busy={busy}
      error={error}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn--danger" disabled={busy || refused} aria-describedby={refused ? blockId : undefined} onClick={() => void confirm()}>
            {untagOnly ? 'Remove tag' : forced ? 'Force remove' : canUntag ? `Remove image and ${allTags}` : 'Remove'}
          </button>
        </>
      }
    >
      {canUntag ? (
        <fieldset className="img-choices" disabled={busy}>
          <legend className="visually-hidden">What to remove</legend>
          <label>
            <input type="radio" name={radios} checked={scope === 'tag'} onChange={() => setScope('tag')} />
            <span>
              Only the tag <strong>{row.tag}</strong>
            </span>
          </label>
          <label>
            <input type="radio" name={radios} checked={scope === 'image'} onChange={() => setScope('image')} />
            <span>
              The whole image {image.shortId}, with all its {allTags}
            </span>
          </label>
        </fieldset>
      ) : null}
      {untagOnly ? (
        <p>
          Only the tag <strong>{row.tag}</strong> goes. The image {image.shortId} stays, still tagged {others.join(', ')}.
        </p>
      ) : (
        <>
          <p>This removes:</p>
          <ul className="img-list">
            {tags.map((t) => (
              <li key={t}>
                tag <strong>{t}</strong>
              </li>
            ))}
            <li>
              {/* What it frees only when known: its shared layers stay (the details page does not know them). */}
              image <span className="mono">{image.shortId}</span> ({formatBytes(image.size)}
              {image.uniqueSize !== undefined ? `; frees about ${formatBytes(image.uniqueSize)}` : ''})
            </li>
          </ul>
          {block ? (
            <div className="img-warning">
              <p id={blockId}>{block.message}</p>
              {block.forceHelps ? (
                <label className="img-check">
                  <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Force (remove even though containers use it)
                </label>
              ) : null}
            </div>
          ) : null}
        </>
      )}
    </Modal>
  );
}
