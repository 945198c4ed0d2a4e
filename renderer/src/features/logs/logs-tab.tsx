import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ContainerState } from '../../../../contract/index.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { Spinner } from '../../ui/spinner.js';
import { fetchFullLog, saveTextFile } from './log-download.js';
import { bufferToParts, emptyLogHint, keptText, logFileName } from './log-format.js';
import { DeferredSearch } from './deferred-search.js';
import type { LogSearch } from './log-search.js';
import { LogSearchBar } from './log-search-bar.js';
import { LogSession, type LogQuery } from './log-session.js';
import { LogToolbar } from './log-toolbar.js';
import { LogViewer, type ScrollRequest } from './log-viewer.js';
import { messageOf } from '../../lib/error-message.js';
import './logs.css';

export const DEFAULT_TAIL = 10_000;

interface LogsTabProps {
  /** Container id (or name). */
  id: string;
  /** For the download's file name. */
  name?: string;
  /** The container's live state: following resumes when it runs again. */
  state?: ContainerState;
  /** False while another tab is shown (the tab stays mounted and keeps its lines). */
  active?: boolean;
}

/** The Logs tab: a live, searchable, virtualized view of the container's log. */
export function LogsTab({ id, name, state, active = true }: LogsTabProps) {
  const api = useApi();
  // The Settings page's log buffer size, read when the view opens (a change applies to the next one).
  const bufferLines = useAppStore((s) => s.settingsView?.settings.logBufferLines);
  const session = useMemo(() => new LogSession(api, bufferLines), [api]);
  useEffect(() => () => session.dispose(), [session]);
  const version = useSyncExternalStore(session.subscribe, session.getVersion);

  const [follow, setFollow] = useState(true);
  const [tail, setTail] = useState<number | 'all'>(DEFAULT_TAIL);
  const [since, setSince] = useState<number | undefined>(undefined);
  const [timestamps, setTimestamps] = useState(false);
  // Lines are loaded with their times only once the user shows times (then kept: hiding them again
  // reloads nothing); the first "Timestamps" tick reloads the lines with their times.
  const [withTimes, setWithTimes] = useState(false);
  const [query, setQuery] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [filterOnly, setFilterOnly] = useState(false);
  const [currentSeq, setCurrentSeq] = useState<number | null>(null);
  const [pinned, setPinned] = useState(true);
  const [pausedAt, setPausedAt] = useState(0);
  const [scrollRequest, setScrollRequest] = useState<ScrollRequest | null>(null);
  const [download, setDownload] = useState<{ busy: boolean; note?: string }>({ busy: false });

  // (Re)start the stream when what to load changes; turning follow off just stops it (lines stay).
  const previous = useRef<LogQuery | null>(null);
  useEffect(() => {
    const q: LogQuery = { id, follow, tail, sinceSeconds: since, timestamps: withTimes };
    const p = previous.current;
    previous.current = q;
    if (p && p.id === id && p.tail === tail && p.sinceSeconds === since && p.timestamps === withTimes && p.follow && !follow) session.stop();
    else session.start(q);
    setCurrentSeq(null);
  }, [session, id, follow, tail, since, withTimes]);

  // The container ran again after its log ended: follow it again.
  const lastState = useRef(state);
  useEffect(() => {
    const was = lastState.current;
    lastState.current = state;
    if (follow && state === 'running' && was !== undefined && was !== 'running' && session.phase !== 'streaming' && session.phase !== 'loading') {
      session.start({ id, follow, tail, sinceSeconds: since, timestamps: withTimes });
    }
  }, [state, follow, session, id, tail, since, withTimes]);

  // After a reconnect the client re-sends the subscription and the session starts its buffer over
  // (LogSession's `restarted`), so no line is kept twice.

  // Search, debounced a little so typing stays smooth on big buffers; Enter, Next and Previous flush it.
  const deferred = useMemo(
    () =>
      new DeferredSearch((q, options) => {
        session.setSearch(q, options);
        setCurrentSeq(null);
      }),
    [session],
  );
  useEffect(() => () => deferred.dispose(), [deferred]);
  useEffect(() => {
    deferred.set(query, { regex, caseSensitive });
  }, [deferred, query, regex, caseSensitive]);

  const { buffer, search } = session;
  const total = search?.count ?? 0;
  const currentIndex = currentSeq !== null && search ? search.indexOf(currentSeq) : -1;

  const goTo = (found: LogSearch, index: number) => {
    if (found.count === 0) return;
    const i = ((index % found.count) + found.count) % found.count;
    const seq = found.at(i);
    setCurrentSeq(seq);
    changePinned(false);
    const filtering = filterOnly;
    setScrollRequest({ index: filtering ? i : seq - buffer.firstSeq, nonce: Date.now() + Math.random() });
  };
  // Read after flushing, not from this render: text typed a moment ago has new matches and no current one yet.
  const step = (dir: 1 | -1) => {
    const fresh = deferred.flush();
    const found = session.search;
    if (!found) return;
    const seq = fresh ? null : currentSeq;
    if (seq === null) return goTo(found, dir > 0 ? 0 : found.count - 1);
    const at = found.indexOf(seq);
    goTo(found, at >= 0 ? at + dir : found.indexAtOrAfter(seq) - (dir > 0 ? 0 : 1));
  };
  const next = () => step(1);
  const previousMatch = () => step(-1);

  function changePinned(p: boolean) {
    if (!p) setPausedAt((at) => (pinned ? buffer.endSeq : at));
    setPinned(p);
  }

  const onDownload = async () => {
    setDownload({ busy: true });
    const file = logFileName(name ?? id);
    try {
      const full = await fetchFullLog(api, { id, timestamps, sinceSeconds: since });
      saveTextFile(full.parts, file);
      setDownload({ busy: false, note: `Downloaded ${full.lines.toLocaleString()} lines as ${file}.` });
    } catch (err) {
      saveTextFile(bufferToParts(buffer, timestamps), file);
      setDownload({
        busy: false,
        note: `The full log could not be fetched (${messageOf(err)}); downloaded the ${buffer.size.toLocaleString()} lines kept here instead.`,
      });
    }
  };

  const newLines = pinned ? 0 : Math.max(0, buffer.endSeq - pausedAt);
  const empty =
    session.phase === 'loading' ? (
      <span className="log-view__hint">
        <Spinner /> Loading logs…
      </span>
    ) : session.phase === 'error' ? null : filterOnly && search ? (
      <span className="log-view__hint">No line matches.</span>
    ) : (
      <span className="log-view__hint">{emptyLogHint(follow && session.phase === 'streaming', since)}</span>
    );

  return (
    <div className="logs-tab" data-version={version}>
      <LogToolbar
        follow={follow}
        onFollow={setFollow}
        timestamps={timestamps}
        onTimestamps={(on) => {
          setTimestamps(on);
          if (on) setWithTimes(true);
        }}
        tail={tail}
        onTail={setTail}
        since={since}
        onSince={setSince}
        limit={buffer.limit}
        onLimit={(n) => {
          const old = buffer.limit;
          session.setLimit(n);
          // The load was capped by the old limit: load again so the new room is used.
          if (buffer.limit > old && (tail === 'all' || tail > old)) session.start({ id, follow, tail, sinceSeconds: since, timestamps: withTimes });
        }}
        downloading={download.busy}
        onDownload={() => void onDownload()}
      />
      <LogSearchBar
        query={query}
        onQuery={setQuery}
        regex={regex}
        onRegex={setRegex}
        caseSensitive={caseSensitive}
        onCaseSensitive={setCaseSensitive}
        filterOnly={filterOnly}
        onFilterOnly={setFilterOnly}
        current={currentIndex + 1}
        total={total}
        error={session.searchError}
        onNext={next}
        onPrevious={previousMatch}
        searchMs={search?.lastScanMs}
      />
      {session.phase === 'error' ? (
        <p className="inline-error" role="alert">
          The logs could not be read: {session.error}
        </p>
      ) : null}
      {download.note ? (
        <p className="log-note" role="status">
          {download.note}
        </p>
      ) : null}
      <LogViewer
        session={session}
        version={version}
        showTimestamps={timestamps}
        filterOnly={filterOnly}
        currentSeq={currentSeq}
        pinned={pinned}
        onPinnedChange={changePinned}
        scrollRequest={scrollRequest}
        empty={empty}
        active={active}
      />
      <div className="log-status">
        <span role="status" className="log-status__kept">
          {keptText(buffer.size, buffer.limit, buffer.dropped)}
        </span>
        <span className="log-status__phase">
          {session.phase === 'streaming' && follow ? 'Following' : session.phase === 'ended' ? (follow ? 'Log ended (container not running)' : 'Not following') : ''}
        </span>
        {!pinned ? (
          <span className="log-status__paused">
            <span role="status">Paused — {newLines.toLocaleString()} new {newLines === 1 ? 'line' : 'lines'}</span>
            <button type="button" className="btn btn--primary" onClick={() => changePinned(true)}>
              Jump to end
            </button>
          </span>
        ) : null}
      </div>
    </div>
  );
}
