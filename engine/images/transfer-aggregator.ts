import type { ByteProgress, LayerPhase, LayerProgress, OverallProgress, TransferEvent } from '../../contract/models/images.js';

/** A progress message the engine writes on pull and push (one NDJSON line). */
export interface EngineProgressMessage {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
  aux?: { Tag?: string; Digest?: string; Size?: number };
}

/** Narrow an unknown NDJSON value to a progress message; undefined when it is not one. */
export function asProgressMessage(value: unknown): EngineProgressMessage | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const out: EngineProgressMessage = {};
  if (typeof v.id === 'string') out.id = v.id;
  if (typeof v.status === 'string') out.status = v.status;
  if (typeof v.error === 'string') out.error = v.error;
  const ed = v.errorDetail;
  if (ed && typeof ed === 'object' && typeof (ed as { message?: unknown }).message === 'string') out.errorDetail = { message: (ed as { message: string }).message };
  const pd = v.progressDetail;
  if (pd && typeof pd === 'object') {
    const { current, total } = pd as { current?: unknown; total?: unknown };
    out.progressDetail = {};
    if (typeof current === 'number' && Number.isFinite(current)) out.progressDetail.current = current;
    if (typeof total === 'number' && Number.isFinite(total)) out.progressDetail.total = total;
  }
  const aux = v.aux;
  if (aux && typeof aux === 'object') {
    const a = aux as Record<string, unknown>;
    out.aux = {};
    if (typeof a.Tag === 'string') out.aux.Tag = a.Tag;
    if (typeof a.Digest === 'string') out.aux.Digest = a.Digest;
    if (typeof a.Size === 'number') out.aux.Size = a.Size;
  }
  return out;
}

/** The engine's status words → our phase (pull and push). */
function phaseOf(status: string): LayerPhase | undefined {
  const s = status.toLowerCase();
  if (s === 'pulling fs layer' || s === 'waiting') return 'waiting';
  if (s === 'downloading') return 'downloading';
  if (s === 'verifying checksum') return 'verifying';
  if (s === 'download complete') return 'downloaded';
  if (s === 'extracting') return 'extracting';
  if (s === 'pull complete' || s === 'pushed') return 'complete';
  if (s === 'already exists' || s === 'layer already exists' || s.startsWith('mounted from')) return 'exists';
  if (s === 'preparing') return 'preparing';
  if (s === 'pushing') return 'uploading';
  if (s.startsWith('retrying')) return 'retrying';
  return undefined;
}

const LAYER_ID = /^[a-f0-9]{12,64}$/;
/** Share of a layer's progress given to the transfer (the rest is extraction, on pull). */
const TRANSFER_SHARE = 0.7;

function clampProgress(p: { current?: number; total?: number } | undefined, prev?: ByteProgress): ByteProgress | undefined {
  const total = p?.total && p.total > 0 ? p.total : prev?.total;
  const current = p?.current ?? prev?.current;
  if (total === undefined || current === undefined) return prev;
  return { current: Math.max(0, Math.min(current, total)), total };
}

function fractionOf(l: Omit<LayerProgress, 'fraction'>, kind: 'pull' | 'push'): number {
  const ratio = (b?: ByteProgress) => (b && b.total > 0 ? b.current / b.total : 0);
  switch (l.phase) {
    case 'complete':
    case 'exists':
      return 1;
    case 'waiting':
    case 'preparing':
    case 'retrying':
      return 0;
    case 'downloading':
    case 'uploading':
      return (kind === 'pull' ? TRANSFER_SHARE : 1) * ratio(l.transfer);
    case 'verifying':
    case 'downloaded':
      return kind === 'pull' ? TRANSFER_SHARE : 1;
    case 'extracting':
      return TRANSFER_SHARE + (1 - TRANSFER_SHARE) * ratio(l.extract);
  }
}

/**
 * Folds the engine's pull/push progress messages into per-layer state, keeping only one entry per
 * layer (never the message history: memory is bounded by the number of layers). Each `apply` returns
 * the events to send: the layer that changed, the new overall figure, and status lines.
 */
export class TransferAggregator {
  private readonly layers = new Map<string, LayerProgress>();
  private digest?: string;

  constructor(private readonly kind: 'pull' | 'push') {}

  get layerCount(): number {
    return this.layers.size;
  }

  get finalDigest(): string | undefined {
    return this.digest;
  }

  /** Fold one message. An engine error message is not handled here: check `error` first. */
  apply(msg: EngineProgressMessage): TransferEvent[] {
    if (msg.aux?.Digest) this.digest = msg.aux.Digest;
    const status = msg.status?.trim();
    if (!status) return [];
    const phase = msg.id && LAYER_ID.test(msg.id) ? phaseOf(status) : undefined;
    if (!phase || !msg.id) {
      const digest = /^Digest: (\S+)/.exec(status) ?? /digest: (sha256:[a-f0-9]{64})/.exec(status);
      if (digest) this.digest = digest[1];
      // A push ends with "<tag>: digest: sha256:… size: 527" (the manifest's size): engine jargon as a
      // headline. The digest is kept for the done line; the headline just says it is complete.
      if (this.kind === 'push' && /^(\S+: )?digest: sha256:[a-f0-9]{64} size: \d+$/.test(status)) return [{ kind: 'status', message: 'Push complete' }];
      const message = headlineOf(status, msg.id);
      return message ? [{ kind: 'status', message }] : [];
    }
    const prev = this.layers.get(msg.id);
    const next: Omit<LayerProgress, 'fraction'> = { id: msg.id, phase, status };
    let transfer = prev?.transfer;
    let extract = prev?.extract;
    if (phase === 'downloading' || phase === 'uploading') transfer = clampProgress(msg.progressDetail, transfer);
    if (phase === 'extracting') extract = clampProgress(msg.progressDetail, extract);
    if ((phase === 'downloaded' || phase === 'verifying' || phase === 'extracting' || phase === 'complete') && transfer) transfer = { current: transfer.total, total: transfer.total };
    if (phase === 'complete' && extract) extract = { current: extract.total, total: extract.total };
    if (transfer) next.transfer = transfer;
    if (extract) next.extract = extract;
    const layer: LayerProgress = { ...next, fraction: fractionOf(next, this.kind) };
    // A late, stale message (e.g. "Downloading" after "Pull complete") never moves a layer backwards.
    if (prev && layer.fraction < prev.fraction && (prev.phase === 'complete' || prev.phase === 'exists')) return [];
    this.layers.set(msg.id, layer);
    return [{ kind: 'layer', layer }, { kind: 'overall', overall: this.overall() }];
  }

  overall(): OverallProgress {
    let done = 0;
    let sum = 0;
    let current = 0;
    let total = 0;
    for (const l of this.layers.values()) {
      if (l.phase === 'complete' || l.phase === 'exists') done++;
      sum += l.fraction;
      if (l.transfer) {
        current += l.transfer.current;
        total += l.transfer.total;
      }
    }
    const n = this.layers.size;
    return { layers: n, done, transfer: { current, total }, fraction: n ? sum / n : 0 };
  }

  /** Every layer's latest state (for a final summary). */
  snapshot(): LayerProgress[] {
    return [...this.layers.values()];
  }
}

/**
 * An engine status line that is not a layer's, as a headline a person reads: "1: Pulling from
 * berth/app" → "Pulling berth/app:1", "Status: Image is up to date for …" → "Image is up to date for
 * …", "The push refers to repository [host/app]" → "Pushing to host/app". The manifest's "Digest: …"
 * line is no headline (the digest shows with the outcome). Anything else as the engine wrote it.
 */
export function headlineOf(status: string, id?: string): string | undefined {
  const from = /^Pulling from (\S+)$/.exec(status);
  if (from) return `Pulling ${from[1]}${id ? `${id.startsWith('sha256:') ? '@' : ':'}${id}` : ''}`;
  if (/^Digest: /.test(status)) return undefined;
  const said = /^Status: (.+)$/.exec(status);
  if (said) return said[1];
  const push = /^The push refers to repository \[(.+)\]$/.exec(status);
  if (push) return `Pushing to ${push[1]}`;
  return id && !LAYER_ID.test(id) ? `${id}: ${status}` : status;
}
