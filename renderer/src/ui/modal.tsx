import { createContext, useContext, useEffect, useId, useRef, useState, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { nextStop, tabStops } from './focus-trap.js';

export interface ModalProps {
  title: ReactNode;
  onClose(): void;
  children: ReactNode;
  /** The buttons row (and anything that belongs with it, such as a status line). */
  footer?: ReactNode;
  /**
   * Why the dialog's action failed (role=alert), shown just above the buttons in every dialog alike:
   * outside the scrolling body, so a long dialog never hides it below the fold.
   */
  error?: ReactNode;
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
  /**
   * Closing now would throw away what the user typed: Escape, the ✕, the backdrop and a
   * `<ModalCloseButton>` first ask `discardQuestion` inside the dialog, with Discard and Keep editing
   * (focused; Escape picks it too). Calling onClose from code (e.g. after a run succeeded) never asks.
   */
  dirty?: boolean;
  /** The question asked while dirty, e.g. "Discard this container’s settings?". */
  discardQuestion?: string;
  /**
   * The question's two answers, when closing would stop work rather than drop typing (a running
   * pull, build or push: "Stop build" and "Keep building"). Default: Discard and Keep editing.
   */
  discardLabel?: string;
  keepLabel?: string;
}

/** Asks the open dialog to close, as Escape does (its discard question first when dirty). */
const RequestCloseContext = createContext<(() => void) | null>(null);

/** A footer button (Cancel, Close) that closes its dialog as Escape does: asking first when the dialog is dirty. */
export function ModalCloseButton({ type = 'button', onClick, ...rest }: ButtonHTMLAttributes<HTMLButtonElement>) {
  const requestClose = useContext(RequestCloseContext);
  return (
    <button
      type={type}
      {...rest}
      onClick={(e) => {
        onClick?.(e);
        if (!e.defaultPrevented) requestClose?.();
      }}
    />
  );
}

const MODAL_ATTR = 'data-modal';

/** The modal on top: the last one in the document (each is portalled to <body> when it opens). */
function isTop(panel: HTMLElement | null): boolean {
  const all = document.querySelectorAll(`[${MODAL_ATTR}]`);
  return !!panel && all[all.length - 1] === panel;
}

/** Where focus goes in a panel: `[data-autofocus]`, else the first field of the body, else the first button. */
function firstFocus(el: HTMLElement): HTMLElement {
  const stops = tabStops(el);
  const body = el.querySelector<HTMLElement>('.modal__body');
  return (
    el.querySelector<HTMLElement>('[data-autofocus]') ??
    stops.find((s) => body?.contains(s) && s.matches('input, select, textarea')) ??
    stops.find((s) => !s.matches('.modal__close')) ??
    el
  );
}

/**
 * The one modal dialog of the app (role=dialog or alertdialog, aria-modal, named by its title).
 * Focus moves in on open (to `[data-autofocus]`, else the first field, else the first button) and back
 * to the opener on close; Tab and Shift+Tab cycle inside; Escape closes unless busy; a backdrop click
 * closes unless turned off or busy. While dirty, each of those asks first (see `dirty`). With two open
 * (the pull dialog over the run dialog), only the top one hears keys.
 */
export function Modal(p: ModalProps) {
  const titleId = useId();
  const questionId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const keepEditing = useRef<HTMLButtonElement>(null);
  const latest = useRef(p);
  latest.current = p;
  const downOnBackdrop = useRef(false);
  // Taken at the first render: a field with autoFocus inside takes the focus at commit, before any effect.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  // The discard question is showing; focusBack: where the focus was when it was asked.
  const [asking, setAsking] = useState(false);
  const focusBack = useRef<HTMLElement | null>(null);

  /** Escape, the ✕, the backdrop, a ModalCloseButton: close, or ask first while dirty. */
  const requestClose = () => {
    const { busy, dirty, onClose } = latest.current;
    if (busy) return;
    if (!dirty) return onClose();
    if (asking) return keepEditing.current?.focus();
    const active = document.activeElement;
    focusBack.current = active instanceof HTMLElement && panel.current?.contains(active) ? active : null;
    setAsking(true);
  };
  const stopAsking = () => setAsking(false);
  const control = useRef({ requestClose, stopAsking, asking });
  control.current = { requestClose, stopAsking, asking };

  useEffect(() => {
    const el = panel.current;
    if (!el) return;
    firstFocus(el).focus();

    const onKeyDown = (e: KeyboardEvent) => {
      if (!isTop(el) || e.defaultPrevented || e.isComposing) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        // Escape on the question is its safe answer: keep editing.
        if (control.current.asking) control.current.stopAsking();
        else control.current.requestClose();
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

  // Nothing left to lose (the pull or build the question was about ended): the question goes.
  useEffect(() => {
    if (asking && !p.dirty) setAsking(false);
  }, [asking, p.dirty]);

  // The question takes the focus on Keep editing; answered that way, the focus goes back where it was.
  useEffect(() => {
    const el = panel.current;
    if (!el) return;
    if (asking) {
      keepEditing.current?.focus();
    } else if (focusBack.current) {
      const back = focusBack.current;
      focusBack.current = null;
      (back.isConnected && tabStops(el).includes(back) ? back : firstFocus(el)).focus();
    }
  }, [asking]);

  const { title, children, footer, error, busy, size = 'medium', tone = 'default', role = 'dialog', describedBy, closeLabel, closeOnBackdrop = true, className, discardQuestion = 'Discard your changes?', discardLabel = 'Discard', keepLabel = 'Keep editing' } = p;
  const classes = ['modal', `modal--${size}`, tone === 'danger' ? 'modal--danger' : '', className ?? ''].filter(Boolean).join(' ');

  return createPortal(
    <div
      className="modal-backdrop"
      onMouseDown={(e) => {
        downOnBackdrop.current = e.target === e.currentTarget;
      }}
      onClick={(e) => {
        // Only a press and release both on the backdrop: a text selection dragged out of the panel is no click away.
        if (closeOnBackdrop && downOnBackdrop.current && e.target === e.currentTarget) requestClose();
        downOnBackdrop.current = false;
      }}
    >
      <div ref={panel} {...{ [MODAL_ATTR]: '' }} className={classes} role={role} aria-modal="true" aria-labelledby={titleId} aria-describedby={describedBy} tabIndex={-1}>
        <RequestCloseContext.Provider value={requestClose}>
          <header className="modal__header">
            <h2 id={titleId} className="modal__title">
              {title}
            </h2>
            {closeLabel ? (
              <button type="button" className="btn btn--ghost modal__close" aria-label={closeLabel} onClick={requestClose} disabled={busy}>
                ✕
              </button>
            ) : null}
          </header>
          {/* While the question is open the form waits behind it: out of reach, but still in view. */}
          <div className="modal__body" inert={asking}>
            {children}
          </div>
          {asking ? (
            <div className="modal__footer modal__discard" role="group" aria-labelledby={questionId}>
              <p id={questionId} className="modal__discard-question">
                {discardQuestion}
              </p>
              <button
                type="button"
                className="btn btn--danger-text"
                onClick={() => {
                  focusBack.current = null;
                  setAsking(false);
                  latest.current.onClose();
                }}
              >
                {discardLabel}
              </button>
              <button ref={keepEditing} type="button" className="btn btn--primary" onClick={stopAsking}>
                {keepLabel}
              </button>
            </div>
          ) : null}
          {error ? (
            <p className="modal__error" role="alert">
              {error}
            </p>
          ) : null}
          {/* Hidden, not unmounted, while asking: its state stays, and Keep editing can give its button the focus back. */}
          {footer ? (
            <div className="modal__footer" hidden={asking}>
              {footer}
            </div>
          ) : null}
        </RequestCloseContext.Provider>
      </div>
    </div>,
    document.body,
  );
}
