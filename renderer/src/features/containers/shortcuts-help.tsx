import { useEffect, useId, useRef, useState } from 'react';
import { KeyboardIcon } from '../container-actions/action-icons.js';
import { isHelpKey, shortcutHelp, typesText } from './shortcuts.js';

/**
 * A button that shows the list's keyboard shortcuts in a popover: not a modal (ui/modal.tsx), as the list
 * stays usable beside it. "?" anywhere on the page but in a field or a dialog shows or hides it, and the
 * focus stays where it was. Escape or a click outside closes it; Escape inside it puts focus back on the button.
 */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Escape closes it wherever the focus is (the list also clears its selection on Escape).
      if (e.key === 'Escape') {
        if (!ref.current?.contains(e.target as Node)) setOpen(false);
        return;
      }
      if (e.defaultPrevented || e.isComposing || typesText(e.target) || !isHelpKey(e)) return;
      e.preventDefault();
      setOpen((o) => !o);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  return (
    <div
      className="shortcuts"
      ref={ref}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        setOpen(false);
        button.current?.focus();
      }}
    >
      <button type="button" ref={button} className="btn shortcuts__btn" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)} title="Keyboard shortcuts (?)">
        <KeyboardIcon width={16} height={16} />
        <span className="visually-hidden">Keyboard shortcuts</span>
      </button>
      {open ? (
        <div id={id} className="shortcuts__popover" role="dialog" aria-label="Keyboard shortcuts">
          <p className="shortcuts__title">Keyboard shortcuts</p>
          <p className="muted shortcuts__hint">Act on the selected containers, or on the focused row when none is selected.</p>
          <dl className="shortcuts__list">
            {shortcutHelp.map((s) => (
              <div key={s.keys} className="shortcuts__item">
                <dt>
                  <kbd>{s.keys}</kbd>
                </dt>
                <dd>{s.what}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </div>
  );
}
