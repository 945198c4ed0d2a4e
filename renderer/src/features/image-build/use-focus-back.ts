import { useCallback, useEffect, useRef } from 'react';

/**
 * Give the focus back when a job that disabled the form ends. Disabling a fieldset drops the focus of
 * the field or button inside it to the page (<body>), where a keyboard or screen-reader user is lost:
 * call `remember()` as the job starts; when `busy` turns false and the focus is still nowhere, it
 * returns to the element that had it (the field Enter was pressed in, or the button clicked).
 */
export function useFocusBack(busy: boolean): { remember(): void } {
  const held = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (busy) return;
    const el = held.current;
    held.current = null;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (el?.isConnected && lost) el.focus();
  }, [busy]);

  const remember = useCallback(() => {
    held.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  }, []);
  return { remember };
}
