import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { nextStop, tabStops } from './focus-trap.js';

export interface ModalProps {
  title: ReactNode;
  onClose(): void;
  children: ReactNode;
  /** The buttons row (and anything that belongs with it, such as a status line). */
  footer?: ReactNode;
  /** A job runs that closing would not stop: Escape, the backdrop and the ✕ do nothing until it ends. */
  busy?: boolean;
  /** narrow 460 px, medium 520 px (default), wide 760 px, large 920 px. */
  size?: 'narrow' | 'medium' | 'wide' | 'large';
  /** Destructive confirmations get a red accent. */
  tone?: 'default' | 'danger';
  /** alertdialog for a question that needs an answer (name its text with describedBy). */
  role?: 'dialog' | 'alertdialog';
  describedBy?: string;
  /** Label of a ✕ button in the header; leave it out when the footer already has Close or Cancel. */
  closeLabel?: string;
  /**
   * A click on the backdrop closes the dialog like Escape. Dialogs where that would throw away what
   * the user typed or a running transfer (run, build, pull, tag/push) turn it off.
   */
  closeOnBackdrop?: boolean;
  /** Extra class on the panel, for the inner layout of one dialog (not its frame). */
  className?: string;
}

const MODAL_ATTR = 'data-modal';

/** The modal on top: the last one in the document (each is portalled to <body> when it opens). */
function isTop(panel: HTMLElement | null): boolean {
  const all = document.querySelectorAll(`[${MODAL_ATTR}]`);
  return !!panel && all[all.length - 1] === panel;
}

/**
 * The one modal dialog of the app (role=dialog or alertdialog, aria-modal, named by its title).
 * Focus moves in on open (to `[data-autofocus]`, else the first field, else the first button) and back
 * to the opener on close; Tab and Shift+Tab cycle inside; Escape closes unless busy; a backdrop click
 * closes unless turned off or busy. With two open (the pull dialog over the run dialog), only the top
 * one hears keys.
 */
export function Modal(p: ModalProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const latest = useRef(p);
  latest.current = p;
  const downOnBackdrop = useRef(false);
  // Taken at the first render: a field with autoFocus inside takes the focus at commit, before any effect.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  useEffect(() => {
    const el = panel.current;
    if (!el) return;
    const stops = tabStops(el);
    const body = el.querySelector<HTMLElement>('.modal__body');
    const first =
      el.querySelector<HTMLElement>('[data-autofocus]') ??
      stops.find((s) => body?.contains(s) && s.matches('input, select, textarea')) ??
      stops.find((s) => !s.matches('.modal__close')) ??
      el;
    first.focus();

    const onKeyDown = (e: KeyboardEvent) => {
      if (!isTop(el) || e.defaultPrevented || e.isComposing) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        if (!latest.current.busy) latest.current.onClose();
      } else if (e.key === 'Tab') {
        const order = tabStops(el);
        const at = order.indexOf(document.activeElement as HTMLElement);
        const to = nextStop(order.length, at, e.shiftKey);
        e.preventDefault();
        (order[to] ?? el).focus();
      }
    };
    // Focus that lands outside the top dialog (a script, a screen reader) is brought back in.
    const onFocusIn = (e: FocusEvent) => {
      if (isTop(el) && e.target instanceof Node && !el.contains(e.target)) (tabStops(el)[0] ?? el).focus();
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('focusin', onFocusIn);
      if (opener?.isConnected) opener.focus();
    };
  }, [opener]);

  const { title, children, footer, busy, size = 'medium', tone = 'default', role = 'dialog', describedBy, closeLabel, closeOnBackdrop = true, className } = p;
  const classes = ['modal', `modal--${size}`, tone === 'danger' ? 'modal--danger' : '', className ?? ''].filter(Boolean).join(' ');

  return createPortal(
    <div
      className="modal-backdrop"
      onMouseDown={(e) => {
        downOnBackdrop.current = e.target === e.currentTarget;
      }}
      onClick={(e) => {
        // Only a press and release both on the backdrop: a text selection dragged out of the panel is no click away.
        if (closeOnBackdrop && !busy && downOnBackdrop.current && e.target === e.currentTarget) p.onClose();
        downOnBackdrop.current = false;
      }}
    >
      <div ref={panel} {...{ [MODAL_ATTR]: '' }} className={classes} role={role} aria-modal="true" aria-labelledby={titleId} aria-describedby={describedBy} tabIndex={-1}>
        <header className="modal__header">
          <h2 id={titleId} className="modal__title">
            {title}
          </h2>
          {closeLabel ? (
            <button type="button" className="btn btn--ghost modal__close" aria-label={closeLabel} onClick={p.onClose} disabled={busy}>
              ✕
            </button>
          ) : null}
        </header>
        <div className="modal__body">{children}</div>
        {footer ? <div className="modal__footer">{footer}</div> : null}
      </div>
    </div>,
    document.body,
  );
}
