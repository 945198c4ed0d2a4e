/**
 * The page side of the Files UI benchmark: a script added to every document that timestamps the steps
 * of one watched upload or download (file chosen, click, the HTTP byte request sent and answered (from
 * Resource Timing), progress bar, "Uploaded"/"Downloaded" text, the refreshed row, the Blob handed over) and
 * reports each through the `__berthMark` binding; and `MarkSink`, which collects them in this process.
 */

// Plain JS text (not a function), so the bundler's helpers never leak into the page.
export const marksScript = `
(() => {
  const marks = (window.__berthMarks = []);
  let watch;
  let seen = new Set();
  const markAt = (name, t, detail) => {
    if (seen.has(name)) return;
    seen.add(name);
    const m = { name, t, detail };
    marks.push(m);
    if (window.__berthMark) window.__berthMark(JSON.stringify(m));
  };
  const mark = (name, detail) => markAt(name, performance.now(), detail);
  window.__berthWatch = (w) => {
    watch = w;
    seen = new Set();
    marks.length = 0;
  };
  document.addEventListener('change', (e) => {
    const el = e.target;
    if (watch && el instanceof HTMLInputElement && el.type === 'file' && el.files && el.files.length)
      mark('picked', { name: el.files[0].name, size: el.files[0].size });
  }, true);
  document.addEventListener('click', (e) => {
    const b = e.target instanceof Element ? e.target.closest('button') : null;
    if (watch && b && b.getAttribute('aria-label') === 'Download ' + watch.name) mark('clicked');
  }, true);
  const create = URL.createObjectURL;
  URL.createObjectURL = function (o) {
    if (watch && o instanceof Blob && o.size === watch.size) mark('blob-url', { size: o.size });
    return create.call(URL, o);
  };
  // The bytes go over HTTP on the page's origin (server/byte-http.ts): an upload is one XHR PUT, a
  // download a fetch HEAD (its head), then the browser's own download of the GET (not a resource entry).
  new PerformanceObserver((list) => {
    if (!watch) return;
    for (const e of list.getEntries()) {
      if (!e.name.includes('/bytes/')) continue;
      if (watch.direction === 'upload' && e.initiatorType === 'xmlhttprequest') {
        markAt('put-sent', e.requestStart || e.startTime);
        markAt('put-answered', e.responseStart);
      } else if (watch.direction === 'download' && e.initiatorType === 'fetch') {
        markAt('head-answered', e.responseEnd);
      }
    }
  }).observe({ type: 'resource' });
  const check = () => {
    if (!watch) return;
    const verb = watch.direction === 'upload' ? 'Uploading' : 'Downloading';
    const bar = document.querySelector('[role="progressbar"][aria-label="' + verb + ' ' + watch.name + '"]');
    if (bar) mark('bar-shown');
    else if (seen.has('bar-shown')) mark('bar-gone');
    const names = Array.from(document.querySelectorAll('.ftransfer__name'), (e) => e.textContent);
    if (names.includes((watch.direction === 'upload' ? 'Uploaded ' : 'Downloaded ') + watch.name)) mark('done-text');
    if (watch.direction === 'upload' && seen.has('done-text')) {
      const table = document.querySelector('.fbrowser__table');
      if (table && table.getAttribute('aria-busy') === 'true') mark('list-busy');
      const row = document.querySelector('table[aria-label="Files"] tr[aria-label="' + CSS.escape(watch.name) + '"]');
      const size = row && row.querySelector('td.ftable__num');
      if (size && size.textContent === watch.sizeText) mark('row');
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();
`;

/** One step the page timestamped, as it reached this process. */
export interface Mark {
  name: string;
  /** The page's performance.now(). */
  t: number;
  /** This process's performance.now() when the mark's binding call arrived. */
  node: number;
  detail?: unknown;
}

/** Marks from the page (through a binding), with the time they reached this process, and waiting for one. */
export class MarkSink {
  marks: Mark[] = [];
  private waiters = new Map<string, () => void>();
  push(json: string): void {
    const m = { ...(JSON.parse(json) as Omit<Mark, 'node'>), node: performance.now() };
    this.marks.push(m);
    this.waiters.get(m.name)?.();
  }
  reset(): void {
    this.marks = [];
    this.waiters.clear();
  }
  get(name: string): Mark | undefined {
    return this.marks.find((m) => m.name === name);
  }
  until(name: string, timeout = 120_000): Promise<Mark> {
    return new Promise((resolve, reject) => {
      if (this.get(name)) return resolve(this.get(name)!);
      const timer = setTimeout(() => reject(new Error(`no "${name}" in ${timeout} ms; marks: ${this.marks.map((m) => m.name).join(', ')}`)), timeout);
      this.waiters.set(name, () => {
        clearTimeout(timer);
        this.waiters.delete(name);
        resolve(this.get(name)!);
      });
    });
  }
}
