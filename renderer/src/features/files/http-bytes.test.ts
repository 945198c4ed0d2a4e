import { describe, expect, it, vi } from 'vitest';
import { BerthError } from '../../../../contract/errors.js';
import { startBrowserDownload } from './download-transfer.js';
import { bytesUrl, errorFromAnswer } from './http-bytes.js';
import { uploadFileOverHttp, type UploadFile } from './upload-transfer.js';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

/** Just enough of an XMLHttpRequest to drive uploadFileOverHttp. */
class FakeXhr {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  responseText = '';
  responseHeaders: Record<string, string> = {};
  aborted = false;
  upload: { onprogress: ((e: { loaded: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name] ?? null;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  answer(status: number, body: string, headers: Record<string, string> = {}) {
    this.status = status;
    this.responseText = body;
    this.responseHeaders = headers;
    this.onload?.();
  }
}

const file = (name: string, size: number) => Object.assign(new Blob([new Uint8Array(size)]), { name }) as UploadFile;

describe('uploadFileOverHttp (browser mode)', () => {
  it('PUTs the File itself to the byte path, reports upload progress, resolves with the result', async () => {
    const xhr = new FakeXhr();
    const progress = vi.fn();
    const f = file('a b.txt', 10);
    const done = uploadFileOverHttp({ id: 'c1', dir: '/www', file: f }, progress, undefined, () => xhr as unknown as XMLHttpRequest);
    expect(xhr.method).toBe('PUT');
    expect(xhr.url).toBe(bytesUrl('containers.upload', { id: 'c1', path: '/www', name: 'a b.txt', size: 10 }));
    expect(new URL(xhr.url, 'http://x').searchParams.get('args')).toBe('{"id":"c1","path":"/www","name":"a b.txt","size":10}');
    expect(xhr.body).toBe(f);
    xhr.upload.onprogress!({ loaded: 4 });
    expect(progress).toHaveBeenLastCalledWith(4);
    xhr.answer(200, JSON.stringify({ value: { path: '/www/a b.txt', size: 10 } }));
    await expect(done).resolves.toEqual({ path: '/www/a b.txt', size: 10 });
    expect(progress).toHaveBeenLastCalledWith(10);
  });

  it('an error answer rejects with the back end\'s BerthError; a lost connection with TRANSPORT', async () => {
    const xhr = new FakeXhr();
    const p = uploadFileOverHttp({ id: 'c1', dir: '/www', file: file('x', 1) }, () => undefined, undefined, () => xhr as unknown as XMLHttpRequest);
    xhr.answer(409, JSON.stringify({ error: { code: 'CONFLICT', message: 'x already exists' } }));
    await expect(p).rejects.toMatchObject({ code: 'CONFLICT', message: 'x already exists' });
    const xhr2 = new FakeXhr();
    const p2 = uploadFileOverHttp({ id: 'c1', dir: '/www', file: file('x', 1) }, () => undefined, undefined, () => xhr2 as unknown as XMLHttpRequest);
    xhr2.onerror!();
    await expect(p2).rejects.toMatchObject({ code: 'TRANSPORT' });
  });

  it('aborting the signal aborts the request and rejects with CANCELLED', async () => {
    const xhr = new FakeXhr();
    const ctl = new AbortController();
    const p = uploadFileOverHttp({ id: 'c1', dir: '/www', file: file('x', 1) }, () => undefined, ctl.signal, () => xhr as unknown as XMLHttpRequest);
    ctl.abort();
    expect(xhr.aborted).toBe(true);
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('startBrowserDownload (browser mode)', () => {
  function fakeDoc() {
    const clicked: { href: string; download: string }[] = [];
    const doc = {
      createElement: () => {
        const a = { href: '', download: '', rel: '', style: {} as Record<string, string>, click: () => clicked.push({ href: a.href, download: a.download }), remove: vi.fn() };
        return a;
      },
      body: { appendChild: vi.fn() },
    };
    return { doc: doc as unknown as Document, clicked };
  }

  it('checks the download with a HEAD, then lets the browser fetch it with an <a download> click', async () => {
    const { doc, clicked } = fakeDoc();
    const fetchFn = vi.fn(async () => new Response(null, { status: 200, headers: { 'X-Berth-Head': encodeURIComponent(JSON.stringify({ fileName: 'index.html', kind: 'file', size: 17 })) } }));
    const h = { onStart: vi.fn(), onHandedOver: vi.fn(), onError: vi.fn() };
    startBrowserDownload({ id: 'c1', path: '/www/index.html' }, h, doc, fetchFn as unknown as typeof fetch);
    await tick();
    const url = bytesUrl('containers.download', { id: 'c1', path: '/www/index.html' });
    expect(fetchFn).toHaveBeenCalledWith(url, expect.objectContaining({ method: 'HEAD' }));
    expect(h.onStart).toHaveBeenCalledWith({ fileName: 'index.html', kind: 'file', size: 17 });
    expect(clicked).toEqual([{ href: url, download: 'index.html' }]);
    expect(h.onHandedOver).toHaveBeenCalledWith({ fileName: 'index.html', size: 17 });
    expect(h.onError).not.toHaveBeenCalled();
  });

  it('the GET carries the HEAD\'s ticket, so the back end serves the download the HEAD opened', async () => {
    const { doc, clicked } = fakeDoc();
    const fetchFn = vi.fn(async () => new Response(null, { status: 200, headers: { 'X-Berth-Ticket': 'abc_-1', 'X-Berth-Head': encodeURIComponent(JSON.stringify({ fileName: 'www.tar', kind: 'dir', size: null })) } }));
    const h = { onStart: vi.fn(), onHandedOver: vi.fn(), onError: vi.fn() };
    startBrowserDownload({ id: 'c1', path: '/www' }, h, doc, fetchFn as unknown as typeof fetch);
    await tick();
    expect(clicked).toEqual([{ href: `${bytesUrl('containers.download', { id: 'c1', path: '/www' })}&ticket=abc_-1`, download: 'www.tar' }]);
    expect(h.onStart).toHaveBeenCalledWith({ fileName: 'www.tar', kind: 'dir', size: null });
  });

  it('a download that fails its check shows the back end\'s error and is never handed to the browser', async () => {
    const { doc, clicked } = fakeDoc();
    const error = { code: 'NOT_FOUND', message: 'No such file or directory: /gone' };
    const fetchFn = vi.fn(async () => new Response(null, { status: 404, headers: { 'X-Berth-Error': encodeURIComponent(JSON.stringify(error)) } }));
    const h = { onStart: vi.fn(), onHandedOver: vi.fn(), onError: vi.fn() };
    startBrowserDownload({ id: 'c1', path: '/gone' }, h, doc, fetchFn as unknown as typeof fetch);
    await tick();
    expect(h.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'NOT_FOUND', message: error.message }));
    expect(clicked).toEqual([]);
  });

  it('dispose before the check answers cancels: nothing is clicked or reported', async () => {
    const { doc, clicked } = fakeDoc();
    const fetchFn = vi.fn((_url: string, init: RequestInit) => new Promise<Response>((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new Error('aborted')))));
    const h = { onStart: vi.fn(), onHandedOver: vi.fn(), onError: vi.fn() };
    startBrowserDownload({ id: 'c1', path: '/a' }, h, doc, fetchFn as unknown as typeof fetch).dispose();
    await tick();
    expect(clicked).toEqual([]);
    expect(h.onError).not.toHaveBeenCalled();
    expect(h.onStart).not.toHaveBeenCalled();
  });
});

describe('errorFromAnswer', () => {
  it('reads the BerthError from the header or the JSON body, else words the status', () => {
    expect(errorFromAnswer(404, '', encodeURIComponent('{"code":"NOT_FOUND","message":"gone"}'))).toMatchObject({ code: 'NOT_FOUND', message: 'gone' });
    expect(errorFromAnswer(400, '{"error":{"code":"VALIDATION","message":"bad"}}')).toMatchObject({ code: 'VALIDATION', message: 'bad' });
    const refused = errorFromAnswer(401, 'Berth needs its access token.\n');
    expect(refused).toBeInstanceOf(BerthError);
    expect(refused).toMatchObject({ code: 'UNAUTHORIZED', message: 'Berth needs its access token.' });
    expect(errorFromAnswer(502, '')).toMatchObject({ code: 'TRANSPORT', message: 'Berth answered with HTTP status 502' });
  });
});
