import { useEffect, useState, type ReactNode } from 'react';

/** How long the visible "Saved" stays beside a section's title after a save. */
export const SAVED_MARK_MS = 3000;

/**
 * One group of the Settings page: a region named by its heading. `savedAt` (a time, changed by each
 * successful save in the group) shows a brief visible "Saved" beside the title; screen readers hear the
 * page's status line instead, so the mark is hidden from them.
 */
export function Section({ title, children, desktopOnly, savedAt }: { title: string; children: ReactNode; desktopOnly?: boolean; savedAt?: number }) {
  return (
    <section className="st-section" aria-label={title}>
      <h2 className="st-section__title">
        {title}
        {desktopOnly ? <span className="st-badge">Desktop app only</span> : null}
        <SavedMark at={savedAt} />
      </h2>
      {children}
    </section>
  );
}

function SavedMark({ at }: { at?: number }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (at === undefined) return;
    setShown(true);
    const t = setTimeout(() => setShown(false), SAVED_MARK_MS);
    return () => clearTimeout(t);
  }, [at]);
  return shown ? (
    <span className="st-saved" aria-hidden="true" data-testid="saved-mark">
      ✓ Saved
    </span>
  ) : null;
}
