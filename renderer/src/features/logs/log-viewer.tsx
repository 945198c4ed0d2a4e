import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { AnsiLineCache, hasControls } from '../../ui/ansi.js';
import { renderAnsi } from '../../ui/ansi-text.js';
import { formatLogTime, hiddenCharsText, MAX_RENDERED_CHARS, renderedWindow } from './log-format.js';
import { matchRanges } from './log-search.js';
import type { LogSession } from './log-session.js';
import { useFixedRows } from './use-fixed-rows.js';

export const LOG_ROW_HEIGHT = 20;
/** Rows rendered above the view while pinned to the end (useFixedRows' default margin otherwise). */
const PINNED_OVERSCAN = 4;

export interface ScrollRequest {
  /** Row index to bring into view (centred). */
  index: number;
  /** Changes on every request, so the same index can be asked for twice. */
  nonce: number;
}

interface LogViewerProps {
  session: LogSession;
  /** The session's version: re-render when it changes. */
  version: number;
  showTimestamps: boolean;
  filterOnly: boolean;
  currentSeq: number | null;
  pinned: boolean;
  onPinnedChange(pinned: boolean): void;
  scrollRequest: ScrollRequest | null;
  empty?: ReactNode;
  /** False while the tab is hidden; showing it again re-pins to the end. */
  active?: boolean;
}

/**
 * The log lines, virtualized: only the rows in view (plus a margin) are in the DOM, each a fixed
 * 20 px high, so a million lines scroll as smoothly as ten. While pinned, it sticks to the end as lines
 * arrive; scrolling up unpins (the tab shows "Paused"), scrolling back to the bottom pins again.
 * ANSI colours (SGR) show as styled spans and other escapes are hidden (ui/ansi.ts); each line starts
 * plain, as `docker logs` lines are independent. The buffer keeps the raw text (the fallback download
 * saves it as it came); search and highlighting work on the text without escapes.
 */
export function LogViewer({ session, version, showTimestamps, filterOnly, currentSeq, pinned, onPinnedChange, scrollRequest, empty, active = true }: LogViewerProps) {
  const ref = useRef<HTMLDivElement>(null);
  // Lines with ANSI escapes in view, parsed once (by seq: a line's text never changes).
  const [ansi] = useState(() => new AnsiLineCache<number>());
  const { buffer, search } = session;
  const filtering = filterOnly && search !== null;
  const count = filtering ? search.count : buffer.size;
  const seqAt = (i: number) => (filtering ? search.at(i) : buffer.firstSeq + i);

  // Pinned to the end while lines stream in, each render replaces every row in view: keep few rows
  // above it (layout of the rows is most of such a frame). Scrolled, the usual margin.
  const atEnd = pinned && active;
  const rows = useFixedRows(ref, count, LOG_ROW_HEIGHT, atEnd, atEnd ? PINNED_OVERSCAN : undefined);
  const size = rows.end - rows.start;

  // Keep the lines under the user's eyes still when old lines are dropped from the front.
  const lastFirst = useRef(buffer.firstSeq);
  useLayoutEffect(() => {
    const el = ref.current;
    const dropped = buffer.firstSeq - lastFirst.current;
    lastFirst.current = buffer.firstSeq;
    if (!el || !active) return;
    if (pinned) el.scrollTop = el.scrollHeight;
    else if (dropped > 0 && !filtering) el.scrollTop = Math.max(0, el.scrollTop - dropped * LOG_ROW_HEIGHT);
    rows.onScroll();
  }, [version, pinned, filtering, count, buffer, rows.onScroll, active]);

  useEffect(() => {
    if (scrollRequest && scrollRequest.index < count) rows.scrollToIndex(scrollRequest.index);
    // Only a new request scrolls; count changes must not.
  }, [scrollRequest]);
  // The match asked for is brought into view across too, at the first render that shows its row: a
  // match far into a long line (or on a short line after one) is otherwise off to the right (or left).
  const revealed = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const el = ref.current;
    const mark = scrollRequest && scrollRequest.nonce !== revealed.current ? el?.querySelector('.log-line--current mark') : null;
    if (!el || !mark) return;
    revealed.current = scrollRequest?.nonce;
    const view = el.getBoundingClientRect();
    const m = mark.getBoundingClientRect();
    if (m.left < view.left || m.right > view.right) el.scrollLeft = Math.max(0, el.scrollLeft + m.left - view.left - el.clientWidth / 3);
  });

  const onScroll = () => {
    rows.onScroll();
    const el = ref.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= LOG_ROW_HEIGHT;
    if (atBottom !== pinned) onPinnedChange(atBottom);
  };

  const re = search?.re;
  return (
    <div className="log-view-wrap">
      <div
        ref={ref}
        className="log-view"
        role="log"
        aria-label="Container logs"
        aria-live="off"
        tabIndex={0}
        onScroll={onScroll}
        data-lines={count}
      >
        <div className="log-view__inner" style={{ height: rows.totalHeight }}>
          {Array.from({ length: size }, (_, k) => {
            const index = rows.start + k;
            const seq = seqAt(index);
            const stream = buffer.stream(seq);
            const ts = showTimestamps ? buffer.timestamp(seq) : undefined;
            const raw = buffer.text(seq);
            // Only a line holding ESC is parsed; every other line takes the plain path below.
            const parsed = hasControls(raw) ? ansi.get(seq, raw) : null;
            const full = parsed ? parsed.text : raw;
            // A long line shows MAX_RENDERED_CHARS of itself: from its start, or around its first match
            // when that lies further on, so a match the search counted is also one the eye finds.
            const { start, end } = renderedWindow(full.length, re && full.length > MAX_RENDERED_CHARS ? firstMatch(full, re) : undefined);
            const text = start === 0 && end === full.length ? full : full.slice(start, end);
            const current = seq === currentSeq;
            return (
              <div
                // Rows are reused (their text updated), never recreated or moved. Pinned to the end while
                // lines stream in, the window jumps by more than its height between renders: keyed by
                // place in the window, each row just takes its new line. Scrolled, pooled keys (any `size`
                // consecutive indexes have distinct remainders) move only the rows that left the view.
                // (Keyed by index % size while pinned, the window's rotation moved up to half the rows
                // in the DOM at each render: a third of such a frame's script time went to appendChild.)
                key={atEnd ? k : index % size}
                className={`log-line log-line--${stream}${current ? ' log-line--current' : ''}`}
                style={{ transform: `translateY(${index * LOG_ROW_HEIGHT}px)` }}
                data-seq={seq}
              >
                <span className="log-line__marker" title={stream}>
                  {/* Only stderr lines are marked (and announced): every text node is shaped again at
                      each render while lines stream in, and layout is most of such a frame. */}
                  {stream === 'stderr' ? (
                    <>
                      <span aria-hidden="true">ERR</span>
                      <span className="visually-hidden">stderr: </span>
                    </>
                  ) : null}
                </span>
                {showTimestamps ? <span className="log-line__ts">{ts !== undefined ? formatLogTime(ts) : '—'}</span> : null}
                <span className="log-line__text">
                  {start > 0 ? <span className="muted log-line__cut">{hiddenCharsText(start, 'before')}</span> : null}
                  {parsed
                    ? renderAnsi(parsed, { from: start, limit: end - start, marks: re ? matchRanges(text, re).map(([a, b]) => [a + start, b + start] as const) : undefined, markClassName: markClass(current) })
                    : re
                      ? highlight(text, re, current)
                      : text}
                  {end < full.length ? <span className="muted log-line__cut">{hiddenCharsText(full.length - end, 'after')}</span> : null}
                </span>
              </div>
            );
          })}
        </div>
      </div>
      {count === 0 && empty ? <div className="log-view__empty">{empty}</div> : null}
    </div>
  );
}

/** [start, end) of the first non-empty match of `re` in `text`, if any. */
function firstMatch(text: string, re: RegExp): [number, number] | undefined {
  return matchRanges(text, re, 1)[0];
}

function highlight(text: string, re: RegExp, current: boolean): ReactNode {
  const ranges = matchRanges(text, re);
  if (!ranges.length) return text;
  const out: ReactNode[] = [];
  let pos = 0;
  for (const [start, end] of ranges) {
    if (start > pos) out.push(text.slice(pos, start));
    out.push(
      <mark key={start} className={markClass(current)}>
        {text.slice(start, end)}
      </mark>,
    );
    pos = end;
  }
  if (pos < text.length) out.push(text.slice(pos));
  return out;
}

const markClass = (current: boolean) => (current ? 'log-mark log-mark--current' : 'log-mark');
