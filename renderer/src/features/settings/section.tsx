import type { ReactNode } from 'react';

/** One group of the Settings page: a region named by its heading. */
export function Section({ title, children, desktopOnly }: { title: string; children: ReactNode; desktopOnly?: boolean }) {
  return (
    <section className="st-section" aria-label={title}>
      <h2 className="st-section__title">
        {title}
        {desktopOnly ? <span className="st-badge">Desktop app only</span> : null}
      </h2>
      {children}
    </section>
  );
}
