import type { ReactNode } from 'react';
import { Spinner } from './spinner.js';

interface NoticeProps {
  title: string;
  children?: ReactNode;
  icon?: ReactNode;
  busy?: boolean;
  /** status: polite live region (loading); alert: assertive (errors). */
  role?: 'status' | 'alert';
}

/**
 * The centred message a page shows instead of its content: loading, empty, or a problem. Its title
 * is not a heading, so page headings stay unambiguous (getByRole('heading', { name: 'Engine' })).
 */
export function Notice({ title, children, icon, busy, role }: NoticeProps) {
  return (
    <div className="notice" role={role}>
      {busy ? <Spinner size="md" /> : icon ? <div className="notice__icon">{icon}</div> : null}
      <p className="notice__title">{title}</p>
      {children ? <div className="notice__body">{children}</div> : null}
    </div>
  );
}

/**
 * A list whose search or filter matches nothing: says so, naming the search when there is one
 * ('No volumes match “db”'), with the one button that brings the rows back.
 */
export function NoMatchNotice({ what, query = '', clearLabel = 'Clear filter', hint, onClear }: { what: string; query?: string; clearLabel?: string; hint?: string; onClear(): void }) {
  const searched = query.trim();
  return (
    <Notice title={searched ? `No ${what} match “${searched}”` : `No ${what} match`}>
      {hint ? <p>{hint}</p> : null}
      <button type="button" className="btn" onClick={onClear}>
        {clearLabel}
      </button>
    </Notice>
  );
}
