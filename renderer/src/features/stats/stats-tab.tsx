import { useEffect, useMemo, useState } from 'react';
import type { ContainerStats } from '../../../../contract/models/container-exec.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { Spinner } from '../../ui/spinner.js';
import { findContainer } from '../containers/find-container.js';
import { StatsChart } from './stats-chart.js';
import { formatPercent, memoryDetail, niceMax, pushSample, seriesOf } from './stats-history.js';
import './stats.css';

const rate = (n: number) => `${formatBytes(n)}/s`;

/**
 * Live CPU, memory, network and block I/O of one container, from the engine's streaming stats (one
 * sample a second, pushed; nothing polled). Two minutes of history; the stream is opened while the
 * container runs and closed when the tab goes away.
 */
export function StatsTab({ id }: { id: string }) {
  const api = useApi();
  const container = useAppStore((s) => findContainer(s.containers, id));
  const phase = useAppStore((s) => s.containersPhase);
  const engineMemory = useAppStore((s) => s.engineInfo?.system.memTotal);
  const running = container?.state === 'running' || container?.state === 'paused';
  const containerId = container?.id;
  const [history, setHistory] = useState<readonly ContainerStats[]>([]);
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setHistory([]);
    setError(undefined);
    if (!running || !containerId) return;
    const sub = api.containers.stats(
      { id: containerId },
      {
        next: (events) => {
          const samples = events.flatMap((e) => (e.kind === 'sample' ? [e.stats] : []));
          if (samples.length) setHistory((prev) => samples.reduce((acc, s) => pushSample(acc, s), prev));
        },
        error: (err) => setError(err.message),
      },
    );
    return () => sub.dispose();
  }, [api, containerId, running, attempt]);

  const latest = history.at(-1);
  const charts = useMemo(() => {
    const cpu = seriesOf(history, (s) => s.cpuPercent);
    const mem = seriesOf(history, (s) => s.memoryBytes);
    const rx = seriesOf(history, (s) => s.networkRxRate);
    const tx = seriesOf(history, (s) => s.networkTxRate);
    const rd = seriesOf(history, (s) => s.blockReadRate);
    const wr = seriesOf(history, (s) => s.blockWriteRate);
    return { cpu, mem, rx, tx, rd, wr, cpuMax: niceMax(cpu, 5), memMax: niceMax(mem, 1024 * 1024), netMax: niceMax([...rx, ...tx], 1024), blkMax: niceMax([...rd, ...wr], 1024) };
  }, [history]);

  if (!container) {
    return phase === 'live' ? (
      <p className="stats-message" role="status">
        This container no longer exists.
      </p>
    ) : (
      <p className="stats-message" role="status">
        <Spinner size="sm" /> Loading…
      </p>
    );
  }
  if (!running) {
    return (
      <p className="stats-message" role="status">
        The container is not running. Live stats appear here when it starts.
      </p>
    );
  }

  return (
    <div className="stats-tab">
      {error ? (
        <div className="stats-message stats-message--error" role="alert">
          <span>Live stats stopped: {error}</span>
          <button type="button" className="btn" onClick={() => setAttempt((n) => n + 1)}>
            Retry
          </button>
        </div>
      ) : null}
      {!latest && !error ? (
        <p className="stats-message" role="status">
          <Spinner size="sm" /> Waiting for the first sample…
        </p>
      ) : null}
      {latest ? (
        <>
          <p className="stats-summary">
            <span>
              Processes: <strong>{latest.pids}</strong>
            </span>
            <span>
              CPUs: <strong>{latest.onlineCpus}</strong>
            </span>
            <span className="muted">Live · last two minutes</span>
          </p>
          <div className="stats-grid-layout">
            <StatsChart
              title="CPU"
              value={formatPercent(latest.cpuPercent)}
              detail={`of ${latest.onlineCpus} ${latest.onlineCpus === 1 ? 'CPU' : 'CPUs'} (100 % = one full core)`}
              series={[{ label: 'CPU', values: charts.cpu, tone: 'a' }]}
              max={charts.cpuMax}
              axisLabel={formatPercent(charts.cpuMax)}
            />
            <StatsChart
              title="Memory"
              value={`${formatBytes(latest.memoryBytes)} / ${formatBytes(latest.memoryLimitBytes)}`}
              detail={memoryDetail(latest, engineMemory)}
              series={[{ label: 'Memory', values: charts.mem, tone: 'a' }]}
              max={charts.memMax}
              axisLabel={formatBytes(charts.memMax)}
            />
            <StatsChart
              title="Network"
              value={`↓ ${rate(latest.networkRxRate)} ↑ ${rate(latest.networkTxRate)}`}
              detail={`Received ${formatBytes(latest.networkRxBytes)} · Sent ${formatBytes(latest.networkTxBytes)}`}
              series={[
                { label: 'Received', values: charts.rx, tone: 'a' },
                { label: 'Sent', values: charts.tx, tone: 'b' },
              ]}
              max={charts.netMax}
              axisLabel={rate(charts.netMax)}
            />
            <StatsChart
              title="Block I/O"
              value={`Read ${rate(latest.blockReadRate)} · Write ${rate(latest.blockWriteRate)}`}
              detail={`Read ${formatBytes(latest.blockReadBytes)} · Written ${formatBytes(latest.blockWriteBytes)}`}
              series={[
                { label: 'Read', values: charts.rd, tone: 'a' },
                { label: 'Write', values: charts.wr, tone: 'b' },
              ]}
              max={charts.blkMax}
              axisLabel={rate(charts.blkMax)}
            />
          </div>
        </>
      ) : null}
    </div>
  );
}
