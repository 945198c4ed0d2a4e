import { useCallback, useState } from 'react';
import type { VolumePrunePlan } from '../../../../contract/models/volumes.js';
import { useApi } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { PruneDialog, type PruneChoice } from '../../ui/prune-dialog.js';
import { messageOf } from '../../lib/error-message.js';

type Scope = 'anonymous' | 'all';
const SCOPES: [PruneChoice<Scope>, PruneChoice<Scope>] = [
  { value: 'anonymous', label: 'Anonymous volumes no container uses' },
  { value: 'all', label: 'Every volume no container uses (named ones too)' },
];

/** Prune: the unused volumes and their sizes first, whether copies are kept, then what was really freed. */
export function PruneVolumesDialog({ onClose }: { onClose(): void }) {
  const api = useApi();
  const [keep, setKeep] = useState(true);
  const loadPlan = useCallback((scope: Scope) => api.volumes.prunePlan({ all: scope === 'all' }), [api]);
  return (
    <PruneDialog
      title="Prune volumes"
      noun={['volume', 'volumes']}
      choices={SCOPES}
      loadPlan={loadPlan}
      countOf={(plan: VolumePrunePlan) => plan.volumes.length}
      prune={(plan) => api.volumes.prune({ names: plan.volumes.map((v) => v.name), keep })}
      messageOf={messageOf}
      settings={(plan, busy) => (
        <label className="vol-check">
          <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} disabled={busy} /> Keep a copy of each in Recently removed (those up to{' '}
          {plan ? formatBytes(plan.limitBytes) : '…'})
        </label>
      )}
      summary={(plan, count) => {
        const kept = plan.volumes.filter((v) => v.fits).length;
        return (
          <>
            {count === 0 ? 'Nothing to prune.' : `Will remove ${count} ${count === 1 ? 'volume' : 'volumes'} holding ${formatBytes(plan.totalBytes)}. `}
            {count === 0
              ? ''
              : !keep
                ? 'They are not kept: they cannot be restored.'
                : kept === count
                  ? 'A copy of each is kept in Recently removed.'
                  : `${kept} of them fit and are kept in Recently removed; the other ${count - kept} cannot be restored.`}
          </>
        );
      }}
      listLabel="Volumes to remove"
      items={(plan) =>
        plan.volumes.map((v) => (
          <li key={v.name}>
            <span className="mono">{v.name}</span> <span className="muted">{v.bytes === null ? 'size unknown' : formatBytes(v.bytes)}</span>
            {keep && !v.fits ? <span className="vol-badge vol-badge--warn">not kept</span> : null}
          </li>
        ))
      }
      outcome={(result) => (
        <>
          <p>
            Freed {formatBytes(result.spaceFreed)}: {result.removed.length} {result.removed.length === 1 ? 'volume' : 'volumes'} removed
            {result.kept.length ? `, ${result.kept.length} kept in Recently removed` : ', none kept'}.
          </p>
          {result.failed.map((f) => (
            <p key={f.name} className="vol-error">
              {f.name}: {f.message}
            </p>
          ))}
        </>
      )}
      onClose={onClose}
    />
  );
}
