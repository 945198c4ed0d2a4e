import { useEffect, useState } from 'react';
import type { ImageHistoryEntry } from '../../../../contract/models/images.js';
import { useApi } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { formatAbsoluteTime } from '../../lib/format/relative-time.js';
import { Spinner } from '../../ui/spinner.js';
import { messageOf } from '../../lib/error-message.js';

/** Each step of the image, newest first: the instruction that made it, its size and date. */
export function HistoryTab({ imageId }: { imageId: string }) {
  const api = useApi();
  const [history, setHistory] = useState<ImageHistoryEntry[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    api.images.history({ id: imageId }).then(
      (h) => live && setHistory(h),
      (err: unknown) => live && setError(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [api, imageId]);

  if (error)
    return (
      <p className="img-error" role="alert">
        {error}
      </p>
    );
  if (!history) return <Spinner />;
  return (
    <div className="img-card">
      <table className="htable" aria-label="History">
        <thead>
          <tr>
            <th scope="col">Instruction</th>
            <th scope="col">Size</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h, i) => (
            <tr key={`${i}-${h.createdBy}`} className={h.empty ? 'is-empty' : undefined}>
              <td className="mono htable__instr" title={h.createdBy}>
                {h.instruction || <span className="muted">(no instruction recorded)</span>}
                {h.comment ? <span className="muted"> — {h.comment}</span> : null}
              </td>
              <td>
                {h.empty ? (
                  <span className="muted" title="No layer: this step only changed the image's settings">
                    0 B
                  </span>
                ) : h.size === 0 ? (
                  <span title="A layer without new bytes: it deletes files or changes their owner, mode or dates">0 B</span>
                ) : (
                  formatBytes(h.size)
                )}
              </td>
              <td>{h.created ? formatAbsoluteTime(h.created) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
