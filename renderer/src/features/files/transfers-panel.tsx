import { formatBytes } from '../../lib/format/bytes.js';
import { transferBytesText } from './transfer-text.js';
import type { Transfer } from './use-transfers.js';
import './file-edit.css';

interface TransfersPanelProps {
  transfers: readonly Transfer[];
  onCancel: (key: number) => void;
  onDismiss: (key: number) => void;
  /** Remove every finished row (done, failed, cancelled) at once. */
  onClearFinished: () => void;
}

/** Running and recent downloads and uploads, with progress bars and cancel. */
export function TransfersPanel({ transfers, onCancel, onDismiss, onClearFinished }: TransfersPanelProps) {
  if (!transfers.length) return null;
  const finished = transfers.filter((t) => t.status !== 'running').length;
  return (
    <div className="ftransfers__wrap">
      {finished ? (
        <div className="ftransfers__head">
          <button type="button" className="btn btn--small" onClick={onClearFinished}>
            Clear finished ({finished})
          </button>
        </div>
      ) : null}
      <TransferRows transfers={transfers} onCancel={onCancel} onDismiss={onDismiss} />
    </div>
  );
}

function TransferRows({ transfers, onCancel, onDismiss }: Omit<TransfersPanelProps, 'onClearFinished'>) {
  return (
    <ul className="ftransfers" aria-label="Transfers">
      {transfers.map((t) => {
        const verb = t.direction === 'download' ? 'Downloading' : 'Uploading';
        const pct = t.total ? Math.min(100, Math.round((t.done / t.total) * 100)) : undefined;
        const label = `${verb} ${t.name}`;
        return (
          <li key={t.key} className={`ftransfer ftransfer--${t.status}`}>
            <div className="ftransfer__line">
              <span className="ftransfer__name">
                {t.status === 'running' ? label : t.status === 'done' ? `${t.direction === 'download' ? 'Downloaded' : 'Uploaded'} ${t.name}` : t.status === 'cancelled' ? `Cancelled ${t.name}` : `Failed: ${t.name}`}
              </span>
              <span className="ftransfer__bytes muted">{transferBytesText(t)}</span>
              {t.status === 'running' ? (
                <button type="button" className="btn btn--small" onClick={() => onCancel(t.key)} aria-label={`Cancel ${t.direction} of ${t.name}`}>
                  Cancel
                </button>
              ) : (
                <button type="button" className="btn btn--small" onClick={() => onDismiss(t.key)} aria-label={`Dismiss ${t.name}`}>
                  Dismiss
                </button>
              )}
            </div>
            {t.status === 'running' ? (
              <div
                className="ftransfer__bar"
                role="progressbar"
                aria-label={label}
                aria-valuemin={0}
                aria-valuemax={pct === undefined ? undefined : 100}
                aria-valuenow={pct}
                aria-valuetext={pct === undefined ? `${formatBytes(t.done)} received` : `${pct}%`}
              >
                <div className={`ftransfer__fill${pct === undefined ? ' ftransfer__fill--indeterminate' : ''}`} style={pct === undefined ? undefined : { transform: `scaleX(${pct / 100})` }} />
              </div>
            ) : null}
            {t.error ? (
              <p className="ftransfer__error" role="alert">
                {t.error}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
