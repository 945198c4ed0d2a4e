import { useCallback, useEffect, useState } from 'react';
import type { DiskUsage, DiskUsageKind } from '../../../../contract/models/disk-usage.js';
import { diskUsageKinds } from '../../../../contract/models/disk-usage.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { formatRelativeTime } from '../../lib/format/relative-time.js';
import { useNow } from '../../lib/use-now.js';
import { AlertIcon } from '../../ui/icons.js';
import { Notice } from '../../ui/notice.js';
import { selectRunningKey } from '../docker-engine/selectors.js';
import { describeFailure } from '../run-container/run-errors.js';
import { CleanupDialog } from './cleanup-dialog.js';
import { kindLabel } from './kind-labels.js';
import './disk-usage.css';

/**
 * What the engine's images, containers, volumes and build cache take on disk (GET /system/df, which
 * is costly: read on opening and on demand, never polled), each prunable, and "clean up everything".
 */
export function DiskUsagePage() {
  const api = useApi();
  const engineKey = useAppStore(selectRunningKey);
  const now = useNow(10_000);
  const [usage, setUsage] = useState<DiskUsage>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const [dialog, setDialog] = useState<readonly DiskUsageKind[] | null>(null);

  const refresh = useCallback(() => {
    setLoading(true);
    setError(undefined);
    api.system.diskUsage({}).then(
      (u) => {
        setUsage(u);
        setLoading(false);
      },
      (err: unknown) => {
        setError(describeFailure(err).message);
        setLoading(false);
      },
    );
  }, [api]);

  useEffect(() => {
    if (engineKey !== null) refresh();
  }, [engineKey, refresh]);

  if (engineKey === null && !usage) {
    return (
      <div className="page page--center">
        <Notice title="Disk usage appears here once the Docker engine runs." icon={<AlertIcon width={28} height={28} />}>
          <p>The message above says what went wrong and what to do.</p>
        </Notice>
      </div>
    );
  }

  const total = usage?.kinds.reduce((t, k) => t + k.size, 0) ?? 0;
  const reclaimable = usage?.kinds.reduce((t, k) => t + k.reclaimable, 0) ?? 0;
  // Images in use share layers with unused ones: the CLI counts those as reclaimable, Berth does not.
  const imagesInUse = (usage?.kinds.find((k) => k.kind === 'images')?.active ?? 0) > 0;
  return (
    <div className="page page--scroll du-page">
      <div className="toolbar">
        <p className="toolbar__text">
          {usage ? (
            <>
              <strong>{formatBytes(total)}</strong> in all, <strong>{formatBytes(reclaimable)}</strong> reclaimable · measured {formatRelativeTime(usage.measuredAt, now)}
            </>
          ) : (
            'Measuring…'
          )}
        </p>
        <div className="du-actions">
          <button type="button" className="btn" onClick={refresh} disabled={loading}>
            {loading ? 'Measuring…' : 'Measure again'}
          </button>
          <button type="button" className="btn btn--danger" onClick={() => setDialog(diskUsageKinds)} disabled={!usage}>
            Clean up everything…
          </button>
        </div>
      </div>
      {error ? (
        <p className="du-error" role="alert">
          {error}
        </p>
      ) : null}
      {usage ? (
        <div className="du-table-box">
          <table className="du-table" aria-label="Disk usage">
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Count</th>
                <th scope="col">In use</th>
                <th scope="col">Size</th>
                <th scope="col">Reclaimable</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {usage.kinds.map((k) => (
                <tr key={k.kind} aria-label={kindLabel[k.kind]}>
                  <th scope="row">{kindLabel[k.kind]}</th>
                  <td>{k.count}</td>
                  <td>{k.active}</td>
                  <td title={`${k.size} bytes`}>{formatBytes(k.size)}</td>
                  <td title={`${k.reclaimable} bytes`}>
                    {formatBytes(k.reclaimable)}
                    {k.size > 0 ? <span className="muted"> ({Math.round((k.reclaimable * 100) / k.size)}%)</span> : null}
                  </td>
                  <td>
                    <button type="button" className="btn" onClick={() => setDialog([k.kind])} aria-label={`Prune ${kindLabel[k.kind].toLowerCase()}`}>
                      Prune…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {imagesInUse ? (
        <p className="du-note">
          Reclaimable images: only what a prune would free. Layers that an image in use shares are not counted, so <code>docker system df</code> can show more.
        </p>
      ) : null}
      {!usage && !error ? <Notice title="Measuring disk usage…" busy role="status" /> : null}
      {dialog ? <CleanupDialog initial={dialog} onClose={() => setDialog(null)} onDone={(r) => setUsage(r.after)} /> : null}
    </div>
  );
}
