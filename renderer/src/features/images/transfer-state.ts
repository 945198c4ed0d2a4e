import type { LayerProgress, OverallProgress, TransferEvent } from '../../../../contract/models/images.js';

/** What the pull/push dialog shows, folded from the stream's events (one entry per layer). */
export interface TransferState {
  layers: LayerProgress[];
  overall?: OverallProgress;
  status?: string;
  done?: { reference: string; digest?: string; message: string };
}

export const emptyTransfer: TransferState = { layers: [] };

export type TransferPhase = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

/**
 * The line above the overall bar, or undefined when the progress block has nothing to show: not started,
 * or failed/cancelled before any layer moved (the error or "cancelled" note below says it all). Once a
 * transfer has ended badly its last status ("Starting…", "Pulling from …") no longer holds: it says so.
 */
export function overallLine(state: TransferState, phase: TransferPhase): { text: string; ended?: 'failed' | 'cancelled' } | undefined {
  if (phase === 'idle') return undefined;
  if (phase === 'error' || phase === 'cancelled') {
    if (!state.layers.length && !state.overall) return undefined;
    return phase === 'error' ? { text: 'Failed', ended: 'failed' } : { text: 'Cancelled', ended: 'cancelled' };
  }
  if (phase === 'done') return { text: state.status ?? state.done?.message ?? 'Complete' };
  return { text: state.status ?? 'Starting…' };
}

export function reduceTransfer(state: TransferState, events: readonly TransferEvent[]): TransferState {
  let layers: LayerProgress[] | undefined;
  let next: TransferState = state;
  for (const e of events) {
    if (e.kind === 'layer') {
      layers ??= [...state.layers];
      const i = layers.findIndex((l) => l.id === e.layer.id);
      if (i >= 0) layers[i] = e.layer;
      else layers.push(e.layer);
    } else if (e.kind === 'overall') next = { ...next, overall: e.overall };
    else if (e.kind === 'status') next = { ...next, status: e.message };
    else next = { ...next, done: { reference: e.reference, message: e.message, ...(e.digest ? { digest: e.digest } : {}) } };
  }
  return layers ? { ...next, layers } : next;
}

const PHASE_TEXT: Record<LayerProgress['phase'], string> = {
  waiting: 'Waiting',
  downloading: 'Downloading',
  verifying: 'Verifying',
  downloaded: 'Download complete',
  extracting: 'Extracting',
  complete: 'Complete',
  exists: 'Already exists',
  preparing: 'Preparing',
  uploading: 'Pushing',
  retrying: 'Retrying',
};

export function phaseText(l: LayerProgress, kind: 'pull' | 'push'): string {
  if (l.phase === 'complete') return kind === 'pull' ? 'Pull complete' : 'Pushed';
  if (l.phase === 'retrying') return l.status;
  return PHASE_TEXT[l.phase];
}
