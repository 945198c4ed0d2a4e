import { useEffect } from 'react';
import { useAppStore } from '../../app/runtime-context.js';
import type { ActionNotice, NoticeScope } from './action-store.js';
import { CloseIcon } from './action-icons.js';
import './container-actions.css';

/** How long a success or info notice stays (warnings and errors stay until dismissed). */
const SUCCESS_MS = 6000;

function NoticeItem({ notice, onDismiss }: { notice: ActionNotice; onDismiss(id: number): void }) {
  useEffect(() => {
    if (notice.tone === 'error' || notice.tone === 'warning') return;
    const t = setTimeout(() => onDismiss(notice.id), SUCCESS_MS);
    return () => clearTimeout(t);
  }, [notice, onDismiss]);
  const urgent = notice.tone === 'error' || notice.tone === 'warning';
  return (
    <div className={`ca-notice ca-notice--${notice.tone}`} role={urgent ? 'alert' : 'status'}>
      <div className="ca-notice__body">
        <p className="ca-notice__title">{notice.title}</p>
        {notice.failures.length ? (
          <ul className="ca-notice__failures">
            {notice.failures.map((f, i) => (
              <li key={`${f.name}-${i}`}>
                {notice.failures.length > 1 || !notice.title.includes(f.name) ? <strong>{f.name}: </strong> : null}
                {f.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <button type="button" className="ca-icon-btn" aria-label="Dismiss" onClick={() => onDismiss(notice.id)}>
        <CloseIcon width={14} height={14} />
      </button>
    </div>
  );
}

/**
 * The results of container actions raised in this scope: successes fade, failures stay until dismissed.
 * `floating`: over the page, at the bottom right (the palette's, which show on whatever page is open).
 */
export function ActionNotices({ scope, floating = false }: { scope: NoticeScope | readonly NoticeScope[]; floating?: boolean }) {
  const notices = useAppStore((s) => s.actionNotices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  const scopes: readonly NoticeScope[] = typeof scope === 'string' ? [scope] : scope;
  const mine = notices.filter((n) => scopes.includes(n.scope));
  if (!mine.length) return null;
  return (
    <div className={floating ? 'ca-notices ca-notices--floating' : 'ca-notices'}>
      {mine.map((n) => (
        <NoticeItem key={n.id} notice={n} onDismiss={dismiss} />
      ))}
    </div>
  );
}
