import type { LayerProgress } from '../../../../contract/models/images.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { overallLine, phaseText, type TransferPhase, type TransferState } from './transfer-state.js';

function LayerLine({ layer, kind }: { layer: LayerProgress; kind: 'pull' | 'push' }) {
  const pct = Math.round(layer.fraction * 100);
  const bytes = layer.phase === 'extracting' ? layer.extract : layer.transfer;
  const exists = layer.phase === 'exists';
  return (
    <li className={`layer-line layer-line--${layer.phase}`}>
      <span className="layer-line__id mono">{layer.id}</span>
      <div
        className="layer-line__bar"
        role="progressbar"
        aria-label={`Layer ${layer.id}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${phaseText(layer, kind)}${bytes && !exists ? `, ${formatBytes(bytes.current)} of ${formatBytes(bytes.total)}` : ''}`}
      >
        <span className="layer-line__fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="layer-line__status">
        {phaseText(layer, kind)}
        {bytes && (layer.phase === 'downloading' || layer.phase === 'extracting' || layer.phase === 'uploading') ? (
          <span className="muted"> {formatBytes(bytes.current)} / {formatBytes(bytes.total)}</span>
        ) : null}
      </span>
    </li>
  );
}

/** Per-layer progress bars of a pull or push, with the overall figure above them (none once it failed before any layer moved). */
export function TransferProgress({ state, phase, kind, label }: { state: TransferState; phase: TransferPhase; kind: 'pull' | 'push'; label: string }) {
  const line = overallLine(state, phase);
  if (!line) return null;
  const overall = state.overall;
  const pct = state.done ? 100 : Math.round((overall?.fraction ?? 0) * 100);
  return (
    <div className={`transfer${line.ended ? ` transfer--${line.ended}` : ''}`}>
      <div className="transfer__overall">
        <div className="transfer__overall-text">
          <strong>{line.text}</strong>
          {overall ? (
            <span className="muted">
              {overall.done} of {overall.layers} layers
              {overall.transfer.total > 0 ? ` · ${formatBytes(overall.transfer.current)} of ${formatBytes(overall.transfer.total)}` : ''}
            </span>
          ) : null}
        </div>
        <div className="layer-line__bar layer-line__bar--overall" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={line.ended ? `${line.text} at ${pct}%` : undefined}>
          <span className="layer-line__fill" style={{ width: `${pct}%` }} />
        </div>
      </div>
      {state.layers.length ? (
        <ul className="transfer__layers" aria-label="Layers">
          {state.layers.map((l) => (
            <LayerLine key={l.id} layer={l} kind={kind} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
