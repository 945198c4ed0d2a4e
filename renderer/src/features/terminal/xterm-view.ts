import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import { messageOf } from '../../lib/error-message.js';
import '@xterm/xterm/css/xterm.css';

export interface XtermViewOptions {
  onData(data: string): void;
  onResize(cols: number, rows: number): void;
  openUrl(url: string): void;
  /** Something went wrong with the clipboard (permission denied…). */
  onClipboardError(message: string): void;
}

/** The terminal's colours: the log view's (--log-bg, --log-text), so both read alike in either theme. */
function terminalTheme(css: CSSStyleDeclaration): { background: string; foreground: string; cursor: string; selectionBackground: string } {
  const background = css.getPropertyValue('--log-bg').trim() || '#1b1f26';
  const foreground = css.getPropertyValue('--log-text').trim() || '#e4e7ec';
  return { background, foreground, cursor: foreground, selectionBackground: 'rgba(79, 134, 255, 0.35)' };
}

/** The DOM element carries its Terminal here (non-enumerable), so end-to-end tests can read the buffer. */
export const XTERM_PROPERTY = '__xterm';

/**
 * An xterm.js terminal in an element: fitted to it (ResizeObserver + fit addon), links clickable,
 * Ctrl+Shift+C / Ctrl+Shift+V (and Cmd+C / Cmd+V on macOS) copy the selection and paste.
 * For tests: `element.__xterm` is the Terminal (non-enumerable), e.g.
 * `el.__xterm.buffer.active.getLine(i).translateToString(true)`.
 */
export class XtermView {
  readonly term: Terminal;
  private readonly fit = new FitAddon();
  private readonly observer: ResizeObserver;
  private readonly themeObserver: MutationObserver;
  private fitFrame = 0;

  constructor(
    readonly element: HTMLElement,
    private readonly options: XtermViewOptions,
  ) {
    const css = getComputedStyle(element);
    this.term = new Terminal({
      cursorBlink: true,
      convertEol: false,
      scrollback: 5000,
      fontFamily: css.getPropertyValue('--font-mono').trim() || 'monospace',
      fontSize: 13,
      allowProposedApi: false,
      theme: terminalTheme(css),
    });
    this.term.loadAddon(this.fit);
    this.term.loadAddon(new WebLinksAddon((_e, uri) => options.openUrl(uri)));
    this.term.open(element);
    Object.defineProperty(element, XTERM_PROPERTY, { value: this.term, enumerable: false, configurable: true });
    this.term.onData((d) => options.onData(d));
    this.term.onResize(({ cols, rows }) => options.onResize(cols, rows));
    this.term.attachCustomKeyEventHandler((e) => this.onKey(e));
    this.observer = new ResizeObserver(() => this.scheduleFit());
    this.observer.observe(element);
    // The colours are the log view's tokens: a theme change (data-theme on <html>) repaints the terminal too.
    this.themeObserver = new MutationObserver(() => (this.term.options.theme = terminalTheme(getComputedStyle(element))));
    this.themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    this.fitNow();
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  write(data: string): void {
    this.term.write(data);
  }

  async copy(): Promise<boolean> {
    const text = this.term.getSelection();
    if (!text) return false;
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (err) {
      this.options.onClipboardError(`Could not copy: ${messageOf(err)}`);
      return false;
    }
  }

  async paste(): Promise<void> {
    try {
      const text = await navigator.clipboard.readText();
      if (text) this.term.paste(text);
      this.term.focus();
    } catch (err) {
      this.options.onClipboardError(`Could not paste: ${messageOf(err)}. Use the keyboard shortcut or allow clipboard access.`);
    }
  }

  clear(): void {
    this.term.clear();
  }

  reset(): void {
    this.term.reset();
  }

  focus(): void {
    this.term.focus();
  }

  dispose(): void {
    cancelAnimationFrame(this.fitFrame);
    this.observer.disconnect();
    this.themeObserver.disconnect();
    delete (this.element as unknown as Record<string, unknown>)[XTERM_PROPERTY];
    this.term.dispose();
  }

  private scheduleFit(): void {
    cancelAnimationFrame(this.fitFrame);
    this.fitFrame = requestAnimationFrame(() => this.fitNow());
  }

  private fitNow(): void {
    if (!this.element.isConnected || this.element.clientWidth === 0) return;
    try {
      this.fit.fit();
    } catch {
      // Not measurable yet (hidden); the observer fits again when it shows.
    }
  }

  private onKey(e: KeyboardEvent): boolean {
    if (e.type !== 'keydown') return true;
    const key = e.key.toLowerCase();
    const mac = /Mac|iPhone|iPad/.test(navigator.platform);
    const copyCombo = (e.ctrlKey && e.shiftKey && key === 'c') || (mac && e.metaKey && key === 'c');
    const pasteCombo = (e.ctrlKey && e.shiftKey && key === 'v') || (mac && e.metaKey && key === 'v');
    if (copyCombo) {
      e.preventDefault();
      void this.copy();
      return false;
    }
    if (pasteCombo) {
      e.preventDefault();
      void this.paste();
      return false;
    }
    return true;
  }
}
