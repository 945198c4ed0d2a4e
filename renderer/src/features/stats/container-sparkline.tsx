import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useRuntime } from '../../app/runtime-context.js';
import type { AppRuntime } from '../../app/runtime.js';
import { formatPercent, niceMax, polylinePoints } from './stats-history.js';
import { SPARK_POINTS, StatsSummaryStore } from './summary-store.js';
import './stats.css';

/**
 * One summary store per window, attached to that window's runtime (a WeakMap keyed by the runtime
 * object: no state shared between windows, gone with the runtime). All sparklines of the window share
 * it, so the list opens exactly one statsSummary stream, only while at least one sparkline is shown.
 */
const stores = new WeakMap<AppRuntime, StatsSummaryStore>();

export function useStatsSummaryStore(): StatsSummaryStore {
  const runtime = useRuntime();
  let store = stores.get(runtime);
  if (!store) stores.set(runtime, (store = new StatsSummaryStore(runtime.api)));
  return store;
}

/** A tiny CPU % sparkline for a list row (the last minute: a sample every 2 s), named "CPU 3.2 %" for assistive tech. Renders nothing until the first sample. */
export function ContainerSparkline({ id }: { id: string }) {
  const store = useStatsSummaryStore();
  useEffect(() => store.retain(), [store]);
  const subscribe = useCallback((cb: () => void) => store.subscribe(id, cb), [store, id]);
  const values = useSyncExternalStore(subscribe, () => store.get(id));
  if (!values?.length) return null;
  const current = values[values.length - 1]!;
  const label = `CPU ${formatPercent(current)}`;
  return (
    <span className="sparkline" role="img" aria-label={label} title={`${label} (last minute)`}>
      <svg className="sparkline__svg" viewBox="0 0 32 14" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <polyline className="sparkline__line" points={polylinePoints(values, niceMax(values, 5), 32, 14, SPARK_POINTS)} />
      </svg>
      <span aria-hidden="true">{formatPercent(current)}</span>
    </span>
  );
}
