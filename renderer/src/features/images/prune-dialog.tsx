import { useCallback } from 'react';
import type { PruneMode, PrunePreview } from '../../../../contract/models/images.js';
import { useApi } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { PruneDialog as SharedPruneDialog, type PruneChoice } from '../../ui/prune-dialog.js';

const MODES: [PruneChoice<PruneMode>, PruneChoice<PruneMode>] = [
  { value: 'dangling', label: 'Dangling images (untagged, unused)' },
  { value: 'unused', label: 'All images no container uses' },
];

/** Prune: first what would go and the space it frees, then confirm, then what the engine really freed. */
export function PruneDialog({ onClose }: { onClose(): void }) {
  const api = useApi();
  const loadPlan = useCallback((mode: PruneMode) => api.images.prunePreview({ mode }), [api]);
  return (
    <SharedPruneDialog
      title="Prune images"
      noun={['image', 'images']}
      choices={MODES}
      loadPlan={loadPlan}
      countOf={(preview: PrunePreview) => preview.images.length}
      prune={(_preview, mode) => api.images.prune({ mode })}
      summary={(preview, count) => (
        <>
          {count === 0 ? 'Nothing to prune: ' : `Will remove ${count} ${count === 1 ? 'image' : 'images'} and free about `}
          <strong>{count === 0 ? 'no space to reclaim' : formatBytes(preview.reclaimable)}</strong>
          {count ? '.' : ''}
        </>
      )}
      listLabel="Images to remove"
      items={(preview) =>
        preview.images.map((i) => (
          <li key={i.id}>
            <span>{i.repoTags.length ? i.repoTags.join(', ') : <span className="mono">{`<none>:<none> ${i.shortId}`}</span>}</span>
            <span className="muted"> {formatBytes(i.uniqueSize)}</span>
          </li>
        ))
      }
      outcome={(result) => (
        <p className="img-success">
          Reclaimed {formatBytes(result.reclaimed)}: {result.deleted.length} {result.deleted.length === 1 ? 'layer or image' : 'layers and images'} deleted
          {result.untagged.length ? `, ${result.untagged.length} untagged` : ''}.
        </p>
      )}
      onClose={onClose}
    />
  );
}
