import { useCallback, useEffect, useRef, useState } from 'react';
import type { Disposable, StreamHandlers } from '../../../../contract/index.js';
import type { TransferEvent } from '../../../../contract/models/images.js';
import { emptyTransfer, reduceTransfer, type TransferPhase, type TransferState } from './transfer-state.js';

export interface TransferControl {
  phase: TransferPhase;
  state: TransferState;
  error?: string;
  start(open: (h: StreamHandlers<TransferEvent>) => Disposable): void;
  cancel(): void;
  reset(): void;
}

/** Runs one pull or push stream at a time; cancelling (or unmounting) disposes it, which cancels the engine job. */
export function useTransfer(): TransferControl {
  const [phase, setPhase] = useState<TransferPhase>('idle');
  const [state, setState] = useState<TransferState>(emptyTransfer);
  const [error, setError] = useState<string>();
  const sub = useRef<Disposable | undefined>(undefined);

  useEffect(() => () => sub.current?.dispose(), []);

  const start = useCallback((open: (h: StreamHandlers<TransferEvent>) => Disposable) => {
    sub.current?.dispose();
    setState(emptyTransfer);
    setError(undefined);
    setPhase('running');
    let alive = true;
    const d = open({
      next: (events) => alive && setState((s) => reduceTransfer(s, events)),
      error: (err) => {
        if (!alive) return;
        alive = false;
        setError(err.message);
        setPhase('error');
      },
      complete: () => {
        if (!alive) return;
        alive = false;
        setPhase('done');
      },
    });
    sub.current = {
      dispose() {
        alive = false;
        d.dispose();
      },
    };
  }, []);

  const cancel = useCallback(() => {
    sub.current?.dispose();
    sub.current = undefined;
    setPhase((p) => (p === 'running' ? 'cancelled' : p));
  }, []);

  const reset = useCallback(() => {
    sub.current?.dispose();
    sub.current = undefined;
    setPhase('idle');
    setState(emptyTransfer);
    setError(undefined);
  }, []);

  return { phase, state, error, start, cancel, reset };
}
