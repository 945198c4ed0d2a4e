import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

export interface FixedRowsWindow {
  /** First and one-past-last row index to render. */
  start: number;
  end: number;
  totalHeight: number;
  /** Bring a row into view, centred. */
  scrollToIndex(index: number): void;
  /** Call from the scroll container's onScroll. */
  onScroll(): void;
}

/**
 * Virtualization for rows of one fixed height: the window is computed from scrollTop in O(1), so it
 * costs the same for ten rows or a million. (@tanstack/react-virtual rebuilds a measurement object per
 * row whenever the count changes: seconds of work per million lines while a log streams in.)
 *
 * `atEnd`: the view is pinned to its last row (the caller scrolls there after rendering): the window is
 * computed for the end at once, so rows arriving while pinned cost one render, not a render for the old
 * scroll position and another after the scroll.
 */
export function useFixedRows(ref: RefObject<HTMLElement | null>, count: number, rowHeight: number, atEnd = false, overscan = 20): FixedRowsWindow {
  const [view, setView] = useState({ top: 0, height: 600 });

  const read = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
  }, [ref]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    read();
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, read]);

  const top = atEnd ? Math.max(0, count * rowHeight - view.height) : view.top;
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(view.height / rowHeight) + 1;
  const start = Math.max(0, Math.min(count, first - overscan));
  // Capped: at most 1000 rows in the DOM, even in a very tall window.
  const end = Math.min(count, first + visible + overscan, start + 1000);
  return {
    start,
    end,
    totalHeight: count * rowHeight,
    onScroll: read,
    scrollToIndex: (index) => {
      const el = ref.current;
      if (!el) return;
      el.scrollTop = Math.max(0, index * rowHeight - (el.clientHeight - rowHeight) / 2);
      read();
    },
  };
}
