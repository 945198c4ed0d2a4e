import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  children: ReactNode;
  /** The dialog's buttons row. */
  actions: ReactNode;
  onClose(): void;
  /** Danger dialogs get a red accent. */
  tone?: 'danger' | 'default';
}

/**
 * A modal dialog (role=dialog, aria-modal, named by its title): focus moves into it, Escape and a
 * click on the backdrop close it, Tab stays inside, and focus returns where it was on close.
 */
export function Modal({ title, children, actions, onClose, tone = 'default' }: ModalProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const el = ref.current;
    const first = el?.querySelector<HTMLElement>('[data-autofocus]') ?? el?.querySelector<HTMLElement>('button, input, select, textarea');
    first?.focus();
    return () => before?.focus?.();
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close.current();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>('button:not(:disabled), input:not(:disabled), select, textarea, a[href]')];
    if (!items.length) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="ca-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close.current()}>
      <div ref={ref} role="dialog" aria-modal="true" aria-labelledby={titleId} className={`ca-dialog ca-dialog--${tone}`} onKeyDown={onKeyDown}>
        <h2 id={titleId} className="ca-dialog__title">
          {title}
        </h2>
        <div className="ca-dialog__body">{children}</div>
        <div className="ca-dialog__actions">{actions}</div>
      </div>
    </div>
  );
}
