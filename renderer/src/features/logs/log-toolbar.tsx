import { useEffect, useState } from 'react';
import { clampLimit, MAX_LOG_LIMIT, MIN_LOG_LIMIT } from './log-buffer.js';

export const TAIL_CHOICES: readonly { value: number | 'all'; label: string }[] = [
  { value: 100, label: 'Last 100 lines' },
  { value: 1000, label: 'Last 1,000 lines' },
  { value: 10_000, label: 'Last 10,000 lines' },
  { value: 100_000, label: 'Last 100,000 lines' },
  { value: 'all', label: 'All lines' },
];

export const SINCE_CHOICES: readonly { value: number | undefined; label: string }[] = [
  { value: undefined, label: 'Any time' },
  { value: 5 * 60, label: 'Last 5 minutes' },
  { value: 15 * 60, label: 'Last 15 minutes' },
  { value: 60 * 60, label: 'Last hour' },
  { value: 24 * 60 * 60, label: 'Last 24 hours' },
];

interface LogToolbarProps {
  follow: boolean;
  onFollow(v: boolean): void;
  timestamps: boolean;
  onTimestamps(v: boolean): void;
  tail: number | 'all';
  onTail(v: number | 'all'): void;
  since: number | undefined;
  onSince(v: number | undefined): void;
  limit: number;
  onLimit(v: number): void;
  downloading: boolean;
  onDownload(): void;
}

/** The line limit with digit separators, as "lines kept (limit 100,000)" beside it says it; typed separators are read back. */
const shown = (limit: number) => limit.toLocaleString('en-US');

/** Follow, timestamps, how much to load (tail, since), how much to keep (limit), and download. */
export function LogToolbar(p: LogToolbarProps) {
  const [limitText, setLimitText] = useState(shown(p.limit));
  useEffect(() => setLimitText(shown(p.limit)), [p.limit]);
  const commitLimit = () => {
    const n = Number(limitText.replace(/[,_\s]/g, ''));
    if (!(Number.isFinite(n) && n > 0)) {
      setLimitText(shown(p.limit));
      return;
    }
    // The field shows the limit that applies: "50" is kept as 1000 (the least), and says so even when
    // the limit was 1000 already (p.limit then does not change, so the effect above would not run).
    const limit = clampLimit(n);
    setLimitText(shown(limit));
    p.onLimit(limit);
  };
  return (
    <div className="log-toolbar">
      <label className="check">
        <input type="checkbox" checked={p.follow} onChange={(e) => p.onFollow(e.target.checked)} />
        Follow
      </label>
      <label className="check">
        <input type="checkbox" checked={p.timestamps} onChange={(e) => p.onTimestamps(e.target.checked)} />
        Timestamps
      </label>
      <label className="field">
        <span className="field__label">Load</span>
        <select
          className="select"
          aria-label="Lines to load"
          value={String(p.tail)}
          onChange={(e) => p.onTail(e.target.value === 'all' ? 'all' : Number(e.target.value))}
        >
          {TAIL_CHOICES.map((c) => (
            <option key={String(c.value)} value={String(c.value)}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Since</span>
        <select className="select" aria-label="Since" value={p.since === undefined ? '' : String(p.since)} onChange={(e) => p.onSince(e.target.value ? Number(e.target.value) : undefined)}>
          {SINCE_CHOICES.map((c) => (
            <option key={String(c.value)} value={c.value === undefined ? '' : String(c.value)}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Keep at most</span>
        <input
          className="input input--narrow"
          aria-label="Line limit"
          inputMode="numeric"
          value={limitText}
          title={`Between ${MIN_LOG_LIMIT.toLocaleString()} and ${MAX_LOG_LIMIT.toLocaleString()} lines`}
          onChange={(e) => setLimitText(e.target.value)}
          onBlur={commitLimit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitLimit();
          }}
        />
      </label>
      <button type="button" className="btn log-toolbar__download" onClick={p.onDownload} disabled={p.downloading} aria-label="Download logs">
        {p.downloading ? 'Preparing…' : 'Download'}
      </button>
    </div>
  );
}
