import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import WebSocket from 'ws';
import { launchBrowser, type RunningBerth } from '../e2e/support/berth.js';
import { formatBytes } from '../renderer/src/lib/format/bytes.js';
import { cliCpu, docker, GOAL, mibps, peakRss, ROUNDS, SIZE } from './container-files.js';
import { fmt, percentile } from './support/stats.js';

/**
 * The Files tab's upload and download of a 32 MiB file, in Chromium, through the real UI, against
 * `docker cp` both ways (the same file, container and alternation as container-files.ts, which runs the
 * renderer's transfer code in a Node client instead).
 *
 * Upload: setInputFiles with the file's path on the "Upload file" input (a local browser gets the
 * path, not the bytes over CDP: checked first), timed to the UI's own signal that it finished — the
 * progress bar gives way to "Uploaded <name>" (the back end's done) — and, separately, to the row of
 * the refreshed listing showing the file's size. Download: a click on "Download <name>" to the file
 * complete on disk (page.waitForEvent('download'), download.path()). A page-side script timestamps
 * the steps in between (the WebSocket's first bytes and its end message, the Blob handed to the
 * browser) so the remaining time can be placed. Each round's file has a name of its own (a hard link
 * to the same bytes), so the UI never asks "Replace?".
 *
 * Two drivers, in the same run (BERTH_BENCH_FILES_UI_DRIVER=playwright|cdp|both, default both):
 * Playwright (launchBrowser(), setInputFiles, waitForEvent('download')), and the same Chromium over a
 * bare DevTools connection. Playwright enables CDP's Network domain on its pages, so Chromium copies
 * every WebSocket frame (base64) out to the driver, a cost a user's window does not pay (in one
 * run: uploads took 2.1× and downloads 1.6× as long as with the bare driver); the bare driver
 * enables no Network domain and gives the figure to compare.
 * BERTH_BENCH_FILES_UI_PROFILE=<dir>: after the rounds, one more copy each way with the page's main
 * thread profiled (V8 CPU profile, written there) and one traced (Chrome trace, summarised), bare driver.
 */

// Plain JS text (not a function), so the bundler's helpers never leak into the page.
const marksScript = `
(() => {
  const marks = (window.__berthMarks = []);
  let watch;
  /** The last binary frame sent (upload) or received (download). */
  let lastBytes = NaN;
  let seen = new Set();
  const mark = (name, detail) => {
    if (seen.has(name)) return;
    seen.add(name);
    const m = { name, t: performance.now(), detail };
    marks.push(m);
    if (window.__berthMark) window.__berthMark(JSON.stringify(m));
  };
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
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (ev) => {
        if (!watch) return;
        if (typeof ev.data === 'string') {
          // An upload ends with its result ({ t: 'result', …, value: { size } }), a download with { t: 'end' }.
          const end = watch.direction === 'upload' ? ev.data.startsWith('{"t":"result"') && ev.data.includes(String(watch.size)) : ev.data.startsWith('{"t":"end"');
          if (end && seen.has(watch.direction === 'upload' ? 'ws-first-send' : 'ws-first-bytes')) mark('ws-end', { last: lastBytes });
        } else if (watch.direction === 'download') {
          mark('ws-first-bytes');
          lastBytes = performance.now();
        }
      });
    }
    send(data) {
      if (watch && watch.direction === 'upload' && typeof data !== 'string') {
        mark('ws-first-send');
        lastBytes = performance.now();
      }
      return super.send(data);
    }
  };
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

interface Mark {
  name: string;
  /** The page's performance.now(). */
  t: number;
  /** This process's performance.now() when the mark's binding call arrived. */
  node: number;
  detail?: unknown;
}

/** CPU time (ms) of the process tree under `root`, by Chromium process type. */
function treeCpu(root: number): Record<string, number> {
  const procs: { pid: number; ppid: number; ticks: number }[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // state ppid … utime(14) stime(15) cutime(16) cstime(17): fields from index 0 = state (field 3).
      procs.push({ pid: Number(d), ppid: Number(f[1]), ticks: f.slice(11, 15).reduce((a, b) => a + Number(b), 0) });
    } catch {
      // gone meanwhile
    }
  }
  const inTree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (inTree.has(p.pid) || !inTree.has(p.ppid)) continue;
      inTree.add(p.pid);
      grew = true;
    }
  }
  const out: Record<string, number> = {};
  for (const p of procs) {
    if (!inTree.has(p.pid)) continue;
    let type = 'browser';
    try {
      const cmd = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8');
      type = /--utility-sub-type=network\./.test(cmd) ? 'network' : (/--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser');
    } catch {
      // gone meanwhile
    }
    out[type] = (out[type] ?? 0) + p.ticks * 10;
  }
  return out;
}

const diffCpu = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(b).map((k) => [k, b[k]! - (a[k] ?? 0)]));
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** The Chromium that launchBrowser() started: a child of this process running chromium. */
function browserPid(): number {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (ppid === process.pid && /chromium/.test(readFileSync(`/proc/${d}/cmdline`, 'utf8'))) return Number(d);
    } catch {
      // gone meanwhile
    }
  }
  throw new Error('the Chromium process was not found among this process’s children');
}

/**
 * That setInputFiles with a path hands Chromium the path (a file-backed File), not the bytes: the 32 MiB
 * path is set in a few ms, and a File read after its file changed on disk fails (Chromium checks the
 * file against its snapshot), which an in-memory File never does.
 */
async function checkPathUpload(browser: Browser, dir: string, big: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.setContent('<input type="file" aria-label="f">');
    // The first call also injects Playwright's script: time the second.
    await page.getByLabel('f').setInputFiles(big);
    const t = performance.now();
    await page.getByLabel('f').setInputFiles(big);
    const bigMs = performance.now() - t;
    const small = join(dir, 'probe.bin');
    writeFileSync(small, 'before');
    await page.getByLabel('f').setInputFiles(small);
    // Chromium snapshots a path-backed File's size and time when first asked: ask, then change the file.
    const size = await page.evaluate(() => (document.querySelector('input') as HTMLInputElement).files![0]!.size);
    if (size !== 6) throw new Error(`the chosen file has ${size} bytes, not 6`);
    writeFileSync(small, 'after, longer');
    utimesSync(small, new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    const read = await page.evaluate(() =>
      (document.querySelector('input') as HTMLInputElement).files![0]!.text().then(
        (s) => `read: ${s}`,
        (e: Error) => `error: ${e.name}`,
      ),
    );
    if (!read.startsWith('error: NotReadableError')) throw new Error(`setInputFiles did not hand over a path (a changed file still read: ${read})`);
    return `setInputFiles(path of 32 MiB) took ${fmt(bigMs, 0)} ms; reading a chosen file changed on disk since: ${read} (a file-backed File: the path, not the bytes, went over CDP)`;
  } finally {
    await context.close();
  }
}

/** Marks from the page (through a binding), with the time they reached this process, and waiting for one. */
class MarkSink {
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

/** What a measured round needs from the browser, however it is driven. */
interface UiDriver {
  /** Chromium's root process. */
  pid: number;
  sink: MarkSink;
  errors: string[];
  /** Run a function of the page (JSON argument and result). */
  evaluate<A, R>(fn: (arg: A) => R, arg: A): Promise<Awaited<R>>;
  /** Choose `path` in the "Upload file" input, as the file picker does. */
  setUploadFile(path: string): Promise<void>;
  /** Click "Download <name>"; resolves when the download began (`began`, ms after the call) and when its file is complete on disk. */
  download(name: string): Promise<{ began: number; file: string; remove(): Promise<void> }>;
  /** The page's CPU profile (V8, its main thread) while `work` runs: the raw-CDP driver only. */
  profile?(work: () => Promise<unknown>): Promise<CpuProfile>;
  /** A Chrome trace (all processes) while `work` runs, summarised: the raw-CDP driver only. */
  trace?(work: () => Promise<unknown>): Promise<string>;
  close(): Promise<void>;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** Per process and thread (by name), the busy time and the trace events with the most self time. */
function summariseTrace(events: TraceEvent[]): string {
  const threadName = new Map<string, string>();
  const processName = new Map<number, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}/${e.tid}`, e.args?.name ?? '?');
    if (e.ph === 'M' && e.name === 'process_name') processName.set(e.pid, e.args?.name ?? '?');
  }
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) if (e.ph === 'X' && e.dur !== undefined) (byThread.get(`${e.pid}/${e.tid}`) ?? byThread.set(`${e.pid}/${e.tid}`, []).get(`${e.pid}/${e.tid}`)!).push(e);
  const lines: { busy: number; text: string }[] = [];
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const self = new Map<string, number>();
    const stack: { e: TraceEvent; end: number; child: number }[] = [];
    let busy = 0;
    const pop = () => {
      const top = stack.pop()!;
      self.set(top.e.name, (self.get(top.e.name) ?? 0) + top.e.dur! - top.child);
    };
    for (const e of list) {
      while (stack.length && stack.at(-1)!.end <= e.ts) pop();
      if (stack.length) stack.at(-1)!.child += e.dur!;
      else busy += e.dur!;
      stack.push({ e, end: e.ts + e.dur!, child: 0 });
    }
    while (stack.length) pop();
    const pid = Number(key.split('/')[0]);
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${fmt(v / 1000, 0)}`).join(', ');
    lines.push({ busy, text: `${processName.get(pid) ?? pid}/${threadName.get(key) ?? key}: busy ${fmt(busy / 1000, 0)} ms (${top})` });
  }
  return lines.sort((a, b) => b.busy - a.busy).slice(0, 6).map((l) => l.text).join('; ');
}

/** Self time by function (name, file:line), largest first, as text. */
function topSelf(profile: CpuProfile, n = 14): string {
  const byNode = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.split("/").pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`.trim();
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  const busy = total - (self.get('(idle)') ?? 0);
  return `sampled ${fmt(total, 0)} ms, not idle ${fmt(busy, 0)} ms; top self time: ${[...self].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${fmt(v, 0)}`).join('; ')}`;
}

/** The page at the container's Files tab, in folder `dir` (through the Path field). */
async function openFilesAt(berth: RunningBerth, id: string, driver: 'playwright' | 'cdp', tmp: string): Promise<UiDriver> {
  const url = `${berth.url}#/containers/${id}/files`;
  const sink = new MarkSink();
  if (driver === 'playwright') {
    const browser = await launchBrowser();
    const pid = browserPid();
    console.log(await checkPathUpload(browser, tmp, join(tmp, 'bench.bin')));
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.exposeBinding('__berthMark', (_src, json: string) => sink.push(json));
    await page.addInitScript({ content: marksScript });
    await page.goto(url);
    await page.getByRole('table', { name: 'Files' }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Path').fill('/tmp');
    await page.getByLabel('Path').press('Enter');
    return {
      pid,
      sink,
      errors,
      evaluate: <A, R>(fn: (arg: A) => R, arg: A) => page.evaluate(fn as (arg: unknown) => R, arg as unknown) as Promise<Awaited<R>>,
      setUploadFile: (path) => page.getByLabel('Upload file').setInputFiles(path),
      async download(name) {
        const t0 = performance.now();
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: `Download ${name}` }).click()]);
        const began = performance.now() - t0;
        return { began, file: (await download.path())!, remove: () => download.delete() };
      },
      close: () => browser.close(),
    };
  }
  return openWithRawCdp(url, sink, tmp);
}

/**
 * Chromium driven over a bare DevTools connection that enables no Network domain, so nothing copies
 * the WebSocket's frames out of the browser (Playwright's pages do: Network.webSocketFrameSent/Received
 * carry every frame, base64, to the driver). Same browser binary and flags as launchBrowser().
 */
async function openWithRawCdp(url: string, sink: MarkSink, tmp: string): Promise<UiDriver> {
  const profile = mkdtempSync(join(tmp, 'profile-'));
  const downloads = mkdtempSync(join(tmp, 'downloads-'));
  const child = spawn(
    process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium',
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--window-size=1400,900', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools address in 30 s: ${err}`)), 30_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  const ws = new WebSocket(endpoint, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)));
  let next = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const listeners = new Set<(m: { method: string; params: Record<string, unknown>; sessionId?: string }) => void>();
  ws.on('message', (d: Buffer) => {
    const m = JSON.parse(String(d)) as { id?: number; result?: unknown; error?: { message: string }; method: string; params: Record<string, unknown>; sessionId?: string };
    if (m.id === undefined) return listeners.forEach((l) => l(m));
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) p?.reject(new Error(m.error.message));
    else p?.resolve(m.result);
  });
  const send = <R = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
    new Promise<R>((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
  const page = <R = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}) => send<R>(method, params, sessionId);
  const errors: string[] = [];
  const downloads_ = new Map<string, { began?: number; done?: () => void; completed?: boolean }>();
  let onBegin: ((guid: string) => void) | undefined;
  listeners.add((m) => {
    if (m.method === 'Runtime.bindingCalled' && m.sessionId === sessionId && m.params.name === '__berthMark') sink.push(m.params.payload as string);
    else if (m.method === 'Runtime.exceptionThrown' && m.sessionId === sessionId) errors.push(JSON.stringify((m.params.exceptionDetails as { exception?: { description?: string } }).exception?.description));
    else if (m.method === 'Browser.downloadWillBegin') onBegin?.(m.params.guid as string);
    else if (m.method === 'Browser.downloadProgress' && m.params.state === 'completed') {
      const d = downloads_.get(m.params.guid as string) ?? {};
      d.completed = true;
      downloads_.set(m.params.guid as string, d);
      d.done?.();
    }
  });
  await send('Browser.setDownloadBehavior', { behavior: 'allowAndName', downloadPath: downloads, eventsEnabled: true });
  await page('Runtime.enable');
  await page('Page.enable');
  await page('Runtime.addBinding', { name: '__berthMark' });
  await page('Page.addScriptToEvaluateOnNewDocument', { source: marksScript });
  const evaluate = async <A, R>(fn: (arg: A) => R, arg: A): Promise<Awaited<R>> => {
    const r = await page<{ result: { value: Awaited<R> }; exceptionDetails?: { text: string; exception?: { description?: string } } }>('Runtime.evaluate', {
      expression: `(${fn.toString()})(${JSON.stringify(arg)})`,
      awaitPromise: true,
      returnByValue: true,
      userGesture: true,
    });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  };
  const waitFor = async (fn: () => boolean, what: string) => {
    for (const t = Date.now(); !(await evaluate(fn, undefined)); ) {
      if (Date.now() - t > 15_000) throw new Error(`${what}: not in 15 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await page('Page.navigate', { url });
  await waitFor(() => !!document.querySelector('table[aria-label="Files"]'), 'the Files table');
  // The Path field: focus, select, type, Enter — as a user does.
  await evaluate(() => {
    const input = document.getElementById('files-path-input') as HTMLInputElement;
    input.focus();
    input.select();
  }, undefined);
  await page('Input.insertText', { text: '/tmp' });
  for (const type of ['keyDown', 'keyUp']) await page('Input.dispatchKeyEvent', { type, key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, ...(type === 'keyDown' ? { text: '\r' } : {}) });
  const click = async (x: number, y: number) => {
    for (const type of ['mousePressed', 'mouseReleased']) await page('Input.dispatchMouseEvent', { type, x, y, button: 'left', clickCount: 1 });
  };
  return {
    pid: child.pid!,
    sink,
    errors,
    evaluate,
    async setUploadFile(path) {
      const { result } = await page<{ result: { objectId: string } }>('Runtime.evaluate', { expression: `document.querySelector('input[type=file][aria-label="Upload file"]')` });
      await page('DOM.setFileInputFiles', { files: [path], objectId: result.objectId });
    },
    async download(name) {
      const t0 = performance.now();
      const box = await evaluate((n) => {
        const b = document.querySelector(`button[aria-label="Download ${n}"]`)!;
        b.scrollIntoView({ block: 'center' });
        const r = b.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }, name);
      const guid = new Promise<string>((resolve) => (onBegin = resolve));
      await click(box.x, box.y);
      const id = await guid;
      const began = performance.now() - t0;
      const d = downloads_.get(id) ?? {};
      downloads_.set(id, d);
      if (!d.completed) await new Promise<void>((resolve) => (d.done = resolve));
      const file = join(downloads, id);
      return { began, file, remove: async () => rmSync(file, { force: true }) };
    },
    async profile(work) {
      await page('Profiler.enable');
      await page('Profiler.setSamplingInterval', { interval: 200 });
      await page('Profiler.start');
      await work();
      const { profile } = await page<{ profile: CpuProfile }>('Profiler.stop');
      await page('Profiler.disable');
      return profile;
    },
    async trace(work) {
      const events: TraceEvent[] = [];
      const complete = new Promise<void>((resolve) => {
        const l = (m: { method: string; params: Record<string, unknown> }) => {
          if (m.method === 'Tracing.dataCollected') events.push(...(m.params.value as TraceEvent[]));
          else if (m.method === 'Tracing.tracingComplete') {
            listeners.delete(l);
            resolve();
          }
        };
        listeners.add(l);
      });
      await send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8', 'mojom', 'net', 'disabled-by-default-network', '__metadata'] } });
      await work();
      await send('Tracing.end');
      await complete;
      return summariseTrace(events);
    },
    async close() {
      ws.close();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The Files tab's copies against `docker cp`, one warm-up then ROUNDS alternating rounds, as
 * container-files.ts does; `driver` says how Chromium is driven (see openWithRawCdp).
 */
async function measure(berth: RunningBerth, id: string, dir: string, digest: string, driver: 'playwright' | 'cdp'): Promise<void> {
  const local = join(dir, 'bench.bin');
  const pid = berth.process.pid!;
  const ui = await openFilesAt(berth, id, driver, dir);
  try {
    for (let t = Date.now(); (await ui.evaluate(() => (document.getElementById('files-path-input') as HTMLInputElement | null)?.value, undefined)) !== '/tmp' || !(await ui.evaluate(() => document.querySelector('.fbrowser__table')?.getAttribute('aria-busy') === 'false', undefined)); ) {
      if (Date.now() - t > 15_000) throw new Error('the Files tab did not open /tmp in 15 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    const { sink } = ui;
    const watch = async (w: { direction: 'upload' | 'download'; name: string }) => {
      sink.reset();
      await ui.evaluate((arg) => (window as unknown as { __berthWatch(x: unknown): void }).__berthWatch(arg), { ...w, size: SIZE, sizeText: formatBytes(SIZE) });
    };
    const at = (n: string) => sink.get(n)?.t ?? NaN;

    /** One upload through the UI: t0 = the file chosen (setInputFiles called); `ms` to "Uploaded" shown; `rowMs` to the listing showing it. */
    const uiUpload = async () => {
      const fileName = `bench-${driver}-${++seq}.bin`;
      const path = join(dir, fileName);
      linkSync(local, path);
      await watch({ direction: 'upload', name: fileName });
      const cpu0 = treeCpu(ui.pid);
      const t0 = performance.now();
      await ui.setUploadFile(path);
      const setMs = performance.now() - t0;
      const done = await sink.until('done-text');
      const chromiumCpu = diffCpu(cpu0, treeCpu(ui.pid));
      const row = await sink.until('row');
      const p = (n: string) => at(n) - at('picked');
      const end = sink.get('ws-end');
      return {
        fileName,
        ms: done.node - t0,
        rowMs: row.node - t0,
        setMs,
        chromiumCpu,
        // Page clock, from the change event.
        split: { firstSend: p('ws-first-send'), lastSend: ((end?.detail as { last?: number } | undefined)?.last ?? NaN) - at('picked'), backEndDone: p('ws-end'), uploaded: p('done-text'), listAsked: p('list-busy'), row: p('row') },
      };
    };
    /** One download through the UI: from the click called to the file complete on disk. */
    const uiDownload = async (fileName: string) => {
      await watch({ direction: 'download', name: fileName });
      const cpu0 = treeCpu(ui.pid);
      const t0 = performance.now();
      const d = await ui.download(fileName);
      const ms = performance.now() - t0;
      const chromiumCpu = diffCpu(cpu0, treeCpu(ui.pid));
      const p = (n: string) => at(n) - at('clicked');
      const blob = sink.get('blob-url');
      const end = sink.get('ws-end');
      return {
        ms,
        d,
        chromiumCpu,
        split: {
          click: (sink.get('clicked')?.node ?? NaN) - t0,
          firstBytes: p('ws-first-bytes'),
          lastBytes: ((end?.detail as { last?: number } | undefined)?.last ?? NaN) - at('clicked'),
          backEndEnd: p('ws-end'),
          blobSaved: p('blob-url'),
          downloadBegan: d.began,
          blobToDisk: blob ? t0 + ms - blob.node : NaN,
        },
      };
    };
    let seq = 0;
    const sha = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');
    const berthUp = () => peakRss(pid, uiUpload);
    const berthDown = (fileName: string) => peakRss(pid, () => uiDownload(fileName));
    const timed = async <T>(work: () => Promise<T>) => {
      const t = performance.now();
      const result = await work();
      return { ms: performance.now() - t, result };
    };
    // docker cp's copy lives outside /tmp, so the folder the UI lists holds only the round's upload (see below).
    const cpUp = () => cliCpu(() => timed(() => docker('cp', local, `${id}:/cp.bin`)));
    const cpDown = () => cliCpu(() => timed(() => docker('cp', `${id}:/cp.bin`, join(dir, 'back.bin'))));

    // Warm-up (the engine's first archive calls, Chromium's caches), and the check that the bytes went through whole both ways.
    const wu = await berthUp();
    const inContainer = (await docker('exec', id, 'sha256sum', `/tmp/${wu.result.fileName}`)).split(/\s+/)[0];
    if (inContainer !== digest) throw new Error(`the uploaded file's sha256 in the container (${inContainer}) is not the local file's`);
    const wd = await berthDown(wu.result.fileName);
    const got = readFileSync(wd.result.d.file);
    if (got.length !== SIZE || sha(got) !== digest) throw new Error(`the downloaded file (${got.length} bytes) is not the file uploaded`);
    await wd.result.d.remove();
    // Each round's upload is removed after its download: the listing refreshed after an upload reads the
    // folder's archive (engine/files/list-dir.ts), so its cost grows with the bytes already in the folder.
    await docker('exec', id, 'rm', '-f', `/tmp/${wu.result.fileName}`);
    console.log(`[${driver}] sha256 checked: the upload (in the container) and the download (on disk) are the local file (${digest.slice(0, 16)}…)`);
    await cpUp();
    await cpDown();

    type Row = { berth: number; cp: number };
    const up: Row[] = [];
    const upRow: Row[] = [];
    const down: Row[] = [];
    const cpu = { up: [] as number[], down: [] as number[], upDriver: [] as number[], downDriver: [] as number[], upChromium: [] as Record<string, number>[], downChromium: [] as Record<string, number>[], upCli: [] as number[], downCli: [] as number[] };
    const upSplits: Record<string, number>[] = [];
    const downSplits: Record<string, number>[] = [];
    const loads: number[] = [];
    const ms = (n: number) => fmt(n, 0);
    const steps = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k} ${ms(v)}`).join(', ');
    for (let round = 0; round < ROUNDS; round++) {
      const berthFirst = round % 2 === 0;
      // Each copy starts with no dirty pages left by the one before: without the sync, whichever copy ran
      // second in a round paid for writing back the first one's 32 MiB (docker cp took 234-285 ms first
      // and 491-621 ms second), and the median of the ratios mixed the two cases.
      const clean = <T>(f: () => Promise<T>) => () => (execFileSync('sync'), f());
      const ordered = async <B, C>(b: () => Promise<B>, c: () => Promise<C>): Promise<[B, C]> => {
        if (berthFirst) {
          const bm = await clean(b)();
          return [bm, await clean(c)()];
        }
        const cm = await clean(c)();
        return [await clean(b)(), cm];
      };
      const [bu, cu] = await ordered(berthUp, cpUp);
      const [bd, cd] = await ordered(() => berthDown(bu.result.fileName), cpDown);
      const size = readFileSync(bd.result.d.file).length;
      await bd.result.d.remove();
      await docker('exec', id, 'rm', '-f', `/tmp/${bu.result.fileName}`);
      if (size !== SIZE) throw new Error(`downloaded ${size} bytes, expected ${SIZE}`);
      up.push({ berth: bu.result.ms, cp: cu.ms });
      upRow.push({ berth: bu.result.rowMs, cp: cu.ms });
      down.push({ berth: bd.result.ms, cp: cd.ms });
      upSplits.push({ setInputFiles: bu.result.setMs, ...bu.result.split });
      downSplits.push(bd.result.split);
      cpu.up.push(bu.cpuMs);
      cpu.down.push(bd.cpuMs);
      cpu.upDriver.push(bu.clientCpuMs);
      cpu.downDriver.push(bd.clientCpuMs);
      cpu.upChromium.push(bu.result.chromiumCpu);
      cpu.downChromium.push(bd.result.chromiumCpu);
      cpu.upCli.push(cu.cliCpuMs);
      cpu.downCli.push(cd.cliCpuMs);
      loads.push(loadavg()[0]!);
      console.log(
        `[${driver}] round ${round + 1}/${ROUNDS} (${berthFirst ? 'Berth first' : 'docker cp first'}, load ${fmt(loads.at(-1)!, 2)}): ` +
          `upload UI ${ms(bu.result.ms)} ms to "Uploaded" (${mibps(bu.result.ms)} MiB/s), ${ms(bu.result.rowMs)} ms to the row; docker cp ${ms(cu.ms)} ms; ratio ${fmt(bu.result.ms / cu.ms, 2)} (${fmt(bu.result.rowMs / cu.ms, 2)} to the row) ` +
          `[${steps(upSplits.at(-1)!)}]; download UI ${ms(bd.result.ms)} ms (${mibps(bd.result.ms)} MiB/s); docker cp ${ms(cd.ms)} ms; ratio ${fmt(bd.result.ms / cd.ms, 2)} [${steps(bd.result.split)}]`,
      );
    }
    const median = (v: number[]) => percentile(v, 50);
    const summary = (what: string, rs: Row[]) => {
      const ratio = median(rs.map((r) => r.berth / r.cp));
      return `[${driver}] ${what}: median UI ${ms(median(rs.map((r) => r.berth)))} ms, docker cp ${ms(median(rs.map((r) => r.cp)))} ms; median ratio ${fmt(ratio, 2)} (${ratio <= GOAL ? 'within' : 'OVER'} the goal of ${GOAL}×; rounds ${rs.map((r) => fmt(r.berth / r.cp, 2)).join(', ')})`;
    };
    const med = (rows: Record<string, number>[]) => Object.keys(rows[0]!).map((k) => `${k} ${ms(median(rows.map((r) => r[k]!)))}`).join(', ');
    console.log(summary('upload 32 MiB, to "Uploaded" (the back end done)', up));
    console.log(summary('upload 32 MiB, to the row in the refreshed listing', upRow));
    console.log(summary('download 32 MiB, click to the file complete on disk', down));
    console.log(`[${driver}] upload steps (median ms; setInputFiles in this process, the rest on the page's clock from the change event): ${med(upSplits)}`);
    console.log(`[${driver}] download steps (median ms; click in this process, then the page's clock from the click; downloadBegan and blobToDisk in this process): ${med(downSplits)}`);
    console.log(`[${driver}] load average (1 min) during the rounds: ${loads.map((l) => fmt(l, 2)).join(', ')}`);
    const chromiumLine = (rows: Record<string, number>[]) => {
      const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => rows.some((r) => (r[k] ?? 0) > 0));
      return `${ms(median(rows.map(sum)))} ms (${keys.map((k) => `${k} ${ms(median(rows.map((r) => r[k] ?? 0)))}`).join(', ')})`;
    };
    console.log(
      `[${driver}] CPU per copy (median): back end upload ${median(cpu.up)} ms, download ${median(cpu.down)} ms; ` +
        `Chromium (process tree, by process type) upload ${chromiumLine(cpu.upChromium)}, download ${chromiumLine(cpu.downChromium)}; ` +
        `driver (this process) upload ${ms(median(cpu.upDriver))} ms, download ${ms(median(cpu.downDriver))} ms; ` +
        `docker cp CLI upload ${median(cpu.upCli)} ms, download ${median(cpu.downCli)} ms`,
    );
    const out = process.env.BERTH_BENCH_FILES_UI_PROFILE;
    if (out && ui.profile) {
      // One more copy each way with the page's main thread profiled (not counted above: the profiler costs time).
      let fileName = '';
      const pu = await ui.profile(async () => (fileName = (await uiUpload()).fileName));
      writeFileSync(join(out, 'files-ui-upload.cpuprofile'), JSON.stringify(pu));
      console.log(`[${driver}] page main thread during an upload (to the row): ${topSelf(pu)}`);
      const pd = await ui.profile(async () => (await uiDownload(fileName)).d.remove());
      writeFileSync(join(out, 'files-ui-download.cpuprofile'), JSON.stringify(pd));
      console.log(`[${driver}] page main thread during a download: ${topSelf(pd)}`);
    }
    if (out && ui.trace) {
      let fileName = '';
      console.log(`[${driver}] trace of an upload (to the row): ${await ui.trace(async () => (fileName = (await uiUpload()).fileName))}`);
      console.log(`[${driver}] trace of a download: ${await ui.trace(async () => (await uiDownload(fileName)).d.remove())}`);
    }
    if (ui.errors.length) throw new Error(`page errors: ${ui.errors.join('; ')}`);
  } finally {
    await ui.close();
  }
}

/**
 * BERTH_BENCH_FILES_UI_DRIVER: playwright (launchBrowser(), setInputFiles, waitForEvent('download')),
 * cdp (the same Chromium over a bare DevTools connection without the Network domain), or both (default).
 */
export async function benchContainerFilesUi(berth: RunningBerth, image: string): Promise<void> {
  const data = randomBytes(SIZE);
  const digest = createHash('sha256').update(data).digest('hex');
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-files-ui-'));
  writeFileSync(join(dir, 'bench.bin'), data);
  const name = `berth-bench-files-ui-${Date.now().toString(36)}`;
  const id = await docker('run', '-d', '--name', name, image, 'sleep', '1800');
  const which = process.env.BERTH_BENCH_FILES_UI_DRIVER ?? 'both';
  try {
    for (const driver of ['playwright', 'cdp'] as const) if (which === 'both' || which === driver) await measure(berth, id, dir, digest, driver);
  } finally {
    await docker('rm', '-f', id).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
