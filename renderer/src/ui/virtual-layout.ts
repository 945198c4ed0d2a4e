import { elementScroll, type Virtualizer } from '@tanstack/react-virtual';

/**
 * Options for a virtualized table that never forces a synchronous layout when it mounts.
 *
 * TanStack, when the scroll element attaches (inside React's commit), reads its clientWidth and
 * clientHeight and writes its scrollTop back (scrollTo 0). Each forces the page's style and layout on
 * the spot; on a new window that is the page's first layout (~90 ms of the main thread in
 * bench/first-row.ts, mostly counted to TanStack's getRect, then ~50 ms to scrollTo), done before the
 * frame lays the page out once more. Here:
 * - the table keeps `initialRect` until the ResizeObserver's first callback, which the browser runs
 *   after that frame's layout and before its paint, so the size is read from clean layout;
 * - a scroll to 0 of an element not laid out yet is skipped: a new element is at 0 already (and so
 *   no scroll event would come of it either way).
 */
const laidOut = new WeakSet<Element>();

function observeRectAfterLayout<TScroll extends Element, TItem extends Element>(instance: Virtualizer<TScroll, TItem>, cb: (rect: { width: number; height: number }) => void): undefined | (() => void) {
  const element = instance.scrollElement;
  const win = element?.ownerDocument.defaultView;
  if (!element || !win?.ResizeObserver) return undefined;
  const observer = new win.ResizeObserver(() => {
    laidOut.add(element);
    cb({ width: Math.round(element.clientWidth), height: Math.round(element.clientHeight) });
  });
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
}

function scrollUnlessFresh<TScroll extends Element, TItem extends Element>(offset: number, options: { adjustments?: number; behavior?: ScrollBehavior }, instance: Virtualizer<TScroll, TItem>): void {
  const element = instance.scrollElement;
  if (element && !laidOut.has(element) && offset + (options.adjustments ?? 0) === 0) return;
  elementScroll(offset, options, instance);
}

export const layoutFreeMount = {
  initialRect: { width: 1024, height: 720 },
  observeElementRect: observeRectAfterLayout,
  scrollToFn: scrollUnlessFresh,
} as const;
