import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { AnsiLineCache, hasControls } from '../../ui/ansi.js';
import { renderAnsi } from '../../ui/ansi-text.js';
import { formatLogTime, MAX_RENDERED_CHARS } from '../logs/log-format.js';
import { buildMatcher } from '../logs/log-search.js';
import { useFixedRows } from '../logs/use-fixed-rows.js';
import { filterLines, MERGED_LOG_LIMIT, MergedLogStore, sourceHue } from './merged-log-store.js';
import '../logs/logs.css';
import './compose.css';

const ROW = 20;

export interface LogSource {
  id: string;
  /** What the line is tagged with: the service, or the container's name. */
  label: string;
}

/**
 * Several containers' logs in one stream, in the engine's timestamp order, each line tagged and
 * coloured by its source; search (text or regex) with "only matching lines", and a filter by source.
 */
export function MergedLogView({ sources, title = 'Merged logs' }: { sources: LogSource[]; title?: string }) {
  const api = useApi();
  // The Settings page's log buffer size, as for one container's Logs tab (read when the view opens).
  const bufferLines = useAppStore((s) => s.settingsView?.settings.logBufferLines);
  const store = useMemo(() => new MergedLogStore(api, bufferLines ?? MERGED_LOG_LIMIT), [api]);
  const key = sources.map((s) => s.id).join(',');
  useEffect(() => {
    if (key) store.open(key.split(','));
    return () => store.dispose();
  }, [store, key]);
  const version = useSyncExternalStore(
    (fn) => store.subscribe(fn),
    () => store.version,
  );
  const [ansi] = useState(() => new AnsiLineCache<object>());
  const [query, setQuery] = useState('');
  const [regex, setRegex] = useState(false);
  const [onlyMatches, setOnlyMatches] = useState(true);
  const [showTs, setShowTs] = useState(true);
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const matcher = buildMatcher(query, { regex, caseSensitive: false });
  const re = matcher?.ok ? matcher.re : null;
  const visibleSources = useMemo(() => (hidden.size ? new Set(sources.map((_, i) => i).filter((i) => !hidden.has(i))) : undefined), [hidden, sources]);
  const rowsIdx = useMemo(() => filterLines(store.lines, onlyMatches ? re : null, visibleSources), [store, version, onlyMatches, re?.source, re?.flags, visibleSources]);
  const matches = useMemo(() => (re ? filterLines(store.lines, re, visibleSources).length : 0), [store, version, re?.source, re?.flags, visibleSources]);

  const ref = useRef<HTMLDivElement>(null);
  const rows = useFixedRows(ref, rowsIdx.length, ROW);
  const [pinned, setPinned] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (el && pinned) el.scrollTop = el.scrollHeight;
    rows.onScroll();
  }, [version, pinned, rowsIdx.length]);

  return (
    <section className="merged-logs logs-tab" aria-label={title}>
      <div className="log-toolbar">
        <label className="field">
          <span className="field__label">Search</span>
          <input className="input" type="search" aria-label="Search the merged logs" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={regex ? 'regular expression' : 'text'} />
        </label>
        <label className="check">
          <input type="checkbox" checked={regex} onChange={(e) => setRegex(e.target.checked)} /> Regex
        </label>
        <label className="check">
          <input type="checkbox" checked={onlyMatches} onChange={(e) => setOnlyMatches(e.target.checked)} /> Only matching lines
        </label>
        <label className="check">
          <input type="checkbox" checked={showTs} onChange={(e) => setShowTs(e.target.checked)} /> Timestamps
        </label>
        <span className="muted" aria-live="polite" data-testid="merged-count">
          {matcher && !matcher.ok ? <span className="merged-logs__error">{matcher.error}</span> : re ? `${matches} matching of ${store.lines.length} lines` : `${store.lines.length} lines`}
          {store.phase === 'error' ? ` — ${store.error}` : ''}
        </span>
      </div>
      <div className="merged-logs__sources" role="group" aria-label="Sources">
        {sources.map((s, i) => (
          <label key={s.id} className="merged-logs__source" style={{ ['--hue' as string]: sourceHue(i) }}>
            <input type="checkbox" checked={!hidden.has(i)} onChange={() => setHidden((h) => toggle(h, i))} />
            <span className="merged-logs__tag">{s.label}</span>
          </label>
        ))}
      </div>
      <div
        ref={ref}
        className="log-view merged-logs__view"
        role="log"
        aria-label={title}
        tabIndex={0}
        data-lines={rowsIdx.length}
        onScroll={() => {
          rows.onScroll();
          const el = ref.current;
          if (el) setPinned(el.scrollHeight - el.scrollTop - el.clientHeight <= ROW);
        }}
      >
        <div className="log-view__inner" style={{ height: rows.totalHeight }}>
          {Array.from({ length: rows.end - rows.start }, (_, k) => {
            const index = rows.start + k;
            const line = store.lines[rowsIdx[index]!];
            if (!line) return null;
            // Colours (ANSI) and carriage returns as in a container's own Logs tab; most lines take the plain path.
            const parsed = hasControls(line.text) ? ansi.get(line, line.text) : null;
            const shown = parsed ? parsed.text : line.text;
            const text = shown.length > MAX_RENDERED_CHARS ? shown.slice(0, MAX_RENDERED_CHARS) : shown;
            return (
              <div key={index % 1024} className={`log-line log-line--${line.stream} merged-line`} style={{ transform: `translateY(${index * ROW}px)`, ['--hue' as string]: sourceHue(line.source) }}>
                <span className="merged-logs__tag merged-line__tag">{sources[line.source]?.label ?? '?'}</span>
                {showTs ? <span className="log-line__ts">{line.ts !== null ? formatLogTime(line.ts) : '—'}</span> : null}
                <span className="log-line__text">{parsed ? renderAnsi(parsed, { limit: MAX_RENDERED_CHARS }) : text}</span>
              </div>
            );
          })}
        </div>
      </div>
      {store.lines.length === 0 ? <p className="muted">{store.phase === 'loading' ? 'Reading the logs…' : 'No log lines yet.'}</p> : null}
    </section>
  );
}

function toggle(set: ReadonlySet<number>, i: number): ReadonlySet<number> {
  const next = new Set(set);
  if (next.has(i)) next.delete(i);
  else next.add(i);
  return next;
}
