import { useRef, type KeyboardEvent } from 'react';

export interface RouteTab {
  id: string;
  label: string;
  /** The tab's route, e.g. "#/images/sha256:…/history". */
  href: string;
}

export interface RouteTabsProps {
  /** Names the tab list, e.g. "Image details". */
  label: string;
  tabs: readonly RouteTab[];
  current: string;
  /** Tabs get the id `${idPrefix}-tab-<id>` and control `${idPrefix}-panel-<id>` (the panel takes that id). */
  idPrefix: string;
  className: string;
  tabClassName: string;
}

/** Where the arrow keys, Home and End go from tab `i` of `n` (wrapping), or -1 for any other key. */
export function tabKeyTarget(key: string, i: number, n: number): number {
  if (key === 'ArrowRight') return (i + 1) % n;
  if (key === 'ArrowLeft') return (i - 1 + n) % n;
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  return -1;
}

/**
 * A details page's tabs as links to their routes, with the keys of the ARIA tabs pattern: one Tab stop
 * (the current tab), the arrow keys (wrapping), Home and End move to a tab and open it.
 */
export function RouteTabs({ label, tabs, current, idPrefix, className, tabClassName }: RouteTabsProps) {
  const refs = useRef(new Map<string, HTMLAnchorElement>());
  const onKeyDown = (e: KeyboardEvent<HTMLAnchorElement>, i: number) => {
    const to = tabKeyTarget(e.key, i, tabs.length);
    if (to < 0 || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    const t = tabs[to]!;
    window.location.hash = t.href;
    refs.current.get(t.id)?.focus();
  };
  return (
    <nav className={className} role="tablist" aria-label={label}>
      {tabs.map((t, i) => (
        <a
          key={t.id}
          ref={(el) => {
            if (el) refs.current.set(t.id, el);
            else refs.current.delete(t.id);
          }}
          role="tab"
          id={`${idPrefix}-tab-${t.id}`}
          aria-selected={t.id === current}
          aria-controls={t.id === current ? `${idPrefix}-panel-${t.id}` : undefined}
          tabIndex={t.id === current ? 0 : -1}
          className={`${tabClassName}${t.id === current ? ' is-active' : ''}`}
          href={t.href}
          onKeyDown={(e) => onKeyDown(e, i)}
        >
          {t.label}
        </a>
      ))}
    </nav>
  );
}
