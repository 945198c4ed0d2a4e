import { useCallback } from 'react';
import type { NetworkPrunePreview } from '../../../../contract/models/networks.js';
import { useApi } from '../../app/runtime-context.js';
import { PruneDialog, type PruneChoice } from '../../ui/prune-dialog.js';
import { describeFailure } from '../run-container/run-errors.js';

// The engine prunes networks in one scope only; a single choice shows no radio buttons.
const SCOPES: [PruneChoice<'unused'>] = [{ value: 'unused', label: 'Networks no container uses' }];
const plural = (n: number) => (n === 1 ? 'network' : 'networks');

/** Prune networks: first the networks that would go, then confirm, then what the engine removed. */
export function PruneNetworksDialog({ onClose }: { onClose(): void }) {
  const api = useApi();
  const loadPlan = useCallback(() => api.networks.prunePreview({}), [api]);
  const prune = useCallback(() => api.networks.prune({}), [api]);
  return (
    <PruneDialog
      title="Prune networks"
      noun={['network', 'networks']}
      choices={SCOPES}
      loadPlan={loadPlan}
      countOf={(plan: NetworkPrunePreview) => plan.networks.length}
      prune={prune}
      summary={(_plan, count) =>
        count ? `Will remove ${count} ${plural(count)} no running container uses. The engine's own networks stay.` : 'Nothing to prune: every network you created is in use.'
      }
      listLabel="Networks to remove"
      items={(plan) =>
        plan.networks.map((n) => (
          <li key={n.id}>
            <strong>{n.name}</strong> <span className="muted">{n.driver}</span>
            {n.stopped.length ? <span className="muted"> · stopped containers lose it: {n.stopped.join(', ')}</span> : null}
          </li>
        ))
      }
      outcome={(result) => (
        <>
          Removed {result.deleted.length} {plural(result.deleted.length)}
          {result.deleted.length ? `: ${result.deleted.join(', ')}` : ''}.
        </>
      )}
      messageOf={(err) => describeFailure(err).message}
      onClose={onClose}
    />
  );
}
