import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { summariseTrace, type CpuProfile, type TraceEvent } from './chromium-time.js';
import { marksScript, type MarkSink } from './page-marks.js';
import type { UiDriver } from './ui-driver.js';

/**
 * The Files UI benchmark's bare DevTools driver: Chromium started here and driven over its own CDP
 * WebSocket, with file input, clicks, downloads, and (for BERTH_BENCH_FILES_UI_PROFILE) the page's CPU
 * profile and a Chrome trace. It gives the figure a user's window would show (see below).
 */

/**
 * Chromium driven over a bare DevTools connection that enables no Network domain, so nothing copies
 * the WebSocket's frames out of the browser (Playwright's pages do: Network.webSocketFrameSent/Received
 * carry every frame, base64, to the driver). Same browser binary and flags as launchBrowser().
 */
export async function openWithRawCdp(url: string, sink: MarkSink, tmp: string): Promise<UiDriver> {
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
