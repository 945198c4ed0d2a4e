import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BYTE_LIMITS } from '../contract/byte-frame.js';
import { BerthError, contract, type BerthErrorShape, type Dispatcher, type ServerMessage } from '../contract/index.js';
import { ByteQueue } from './byte-queue.js';
import { contentDisposition, statusOf } from './http-answers.js';
import type { RequestGuard } from './request-guard.js';

/**
 * The bytes of the contract's downloads and uploads over plain HTTP, on the page's own origin:
 *
 *   GET  /bytes/<method>?args=<json>   a download: its bytes as the response body
 *   HEAD /bytes/<method>?args=<json>   the same download's head only (what a GET would answer), then parked for its GET
 *   PUT  /bytes/<method>?args=<json>   an upload: the request body is its bytes; its result as JSON
 *
 * Why: Chromium moves bytes through a WebSocket several times slower than through fetch/XHR or a
 * download it writes to disk itself (32 MiB: ~1.7 s against ~0.4 s, measured for issue #8). The
 * WebSocket keeps every control message; only the Files tab's bulk bytes take this path.
 *
 * Each request is one in-process dispatcher connection (the same dispatcher as the WebSocket's):
 * validation, errors and cancellation are the dispatcher's own, and the same window/ack flow control
 * holds memory to one window per transfer: a download is acknowledged as its bytes leave for the
 * socket (and pauses while the response's buffer is full), an upload's request stream is paused while
 * the dispatcher holds a full window. A client that goes away mid-transfer closes the connection,
 * which aborts the download or upload and the engine request under it.
 */
export const BYTES_PATH = '/bytes/';

/** A failed request's BerthError (URI-encoded JSON), for HEAD answers that carry no body. */
export const ERROR_HEADER = 'X-Berth-Error';
/** A download's head (URI-encoded JSON): name, kind and size as the contract's DownloadHead says. */
export const HEAD_HEADER = 'X-Berth-Head';
/** A HEAD's answer: the ticket that lets the GET to follow take over the download the HEAD opened. */
export const TICKET_HEADER = 'X-Berth-Ticket';

/** Past this much unsent response data, a download pauses until the socket drains. */
const CONGESTED_BYTES = 4 * 1024 * 1024;

/** The id of the one download or upload on a request's connection. */
const STREAM_ID = 1;

function kindOf(name: string): string | undefined {
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const domain = Object.hasOwn(contract, name.slice(0, dot)) ? (contract as Record<string, Record<string, { kind: string }>>)[name.slice(0, dot)] : undefined;
  const key = name.slice(dot + 1);
  return domain && Object.hasOwn(domain, key) ? domain[key]!.kind : undefined;
}

/**
 * Browser-mode requests for bytes need more than the token: they are plain HTTP requests a page on
 * another origin could also make (an `<img>`, a form, a link), where the WebSocket's upgrade always
 * carries an Origin.
 *
 * - PUT (an upload writes into a container): the Origin header must be present and ours. Browsers
 *   send Origin on every PUT, and a cross-origin PUT is never "simple": it needs a CORS preflight that
 *   this server never answers with CORS headers, so the body never comes. Requiring the header also
 *   refuses any tool or page that strips it.
 * - GET/HEAD (a download only reads, but its bytes are private): when the browser says where the
 *   request came from (Sec-Fetch-Site, sent by every current browser), only `same-origin` (our page)
 *   and `none` (the user opened the address themselves) pass. `same-site` is refused on purpose: the
 *   token cookie is SameSite=Strict, but "site" ignores the port, so a page served by any other local
 *   server on 127.0.0.1 is same-site and its requests would carry the cookie. A cross-site request
 *   carries no cookie at all (SameSite=Strict) and fails the token check anyway; without
 *   Sec-Fetch-Site (an older browser), that cookie rule and the Host check are what hold.
 *   Responses also say Cross-Origin-Resource-Policy: same-origin, so no other origin can embed them.
 */
export function checkBytesRequest(req: IncomingMessage, guard: RequestGuard): { ok: true } | { ok: false; status: number; reason: string } {
  const verdict = guard.check(req.headers);
  if (!verdict.ok) return verdict;
  if (req.method === 'PUT') {
    const origin = req.headers.origin?.toLowerCase();
    if (!origin || !guard.origins.includes(origin)) {
      return { ok: false, status: 403, reason: 'An upload must come from the Berth page itself (its Origin header is missing or not ours).' };
    }
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { ok: false, status: 403, reason: `Requests for bytes from another page are refused (Sec-Fetch-Site: ${String(site)}); only the Berth page itself may ask.` };
  }
  return { ok: true };
}

export interface BytesRequestOptions {
  dispatcher: Dispatcher;
  connectionId: string;
  /** Headers every response carries (the security headers). */
  headers: Record<string, string>;
  log: (line: string) => void;
  /** Downloads resolved by a HEAD and kept for their GET (see park); none: a HEAD cancels at once. */
  parked?: ParkedDownloads;
}

function sendError(res: ServerResponse, base: Record<string, string>, error: BerthErrorShape, head = false, status = statusOf(error.code)): void {
  if (res.headersSent) {
    // Too late for a status: cut the response, so the client sees a failed transfer, not a short file.
    res.destroy();
    return;
  }
  const body = `${JSON.stringify({ error })}\n`;
  res.writeHead(status, {
    ...base,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    // The same error in a header too: a HEAD's answer has no body (the UI checks a download with one).
    [ERROR_HEADER]: encodeURIComponent(JSON.stringify(error)),
  });
  res.end(head ? undefined : body);
}

/** Serve one request under BYTES_PATH (already past the guard: see checkBytesRequest). */
export function serveBytesRequest(req: IncomingMessage, res: ServerResponse, url: URL, options: BytesRequestOptions): void {
  const base = options.headers;
  const isHead = req.method === 'HEAD';
  let name: string;
  try {
    name = decodeURIComponent(url.pathname.slice(BYTES_PATH.length));
  } catch {
    name = '';
  }
  const kind = kindOf(name);
  if (kind !== 'download' && kind !== 'upload') {
    return sendError(res, base, new BerthError('UNKNOWN_METHOD', `No download or upload is named "${name}"`).toJSON(), isHead);
  }
  const allowed = kind === 'download' ? ['GET', 'HEAD'] : ['PUT'];
  if (!allowed.includes(req.method ?? '')) {
    const message = `${name} is ${kind === 'download' ? 'a download: GET it' : 'an upload: PUT its bytes'}`;
    return sendError(res, { ...base, Allow: allowed.join(', ') }, { code: 'VALIDATION', message }, isHead, 405);
  }
  let args: unknown = {};
  const raw = url.searchParams.get('args');
  if (raw !== null) {
    try {
      args = JSON.parse(raw);
    } catch (err) {
      return sendError(res, base, { code: 'VALIDATION', message: `The arguments are not JSON: ${(err as Error).message}` }, isHead);
    }
  }
  const key = `${name}\n${raw ?? ''}`;
  if (kind === 'download') {
    const ticket = req.method === 'GET' ? url.searchParams.get('ticket') : null;
    const parked = ticket ? options.parked?.get(ticket) : undefined;
    // The download its HEAD opened, if still waiting (else a fresh one: a ticket only saves time).
    if (parked && parked.key === key) return parked.attach(req, res);
    return serveDownloadOverHttp(req, res, name, args, key, options, isHead);
  }
  else serveUploadOverHttp(req, res, name, args, options);
}

/** A download a HEAD resolved, held (paused) for the GET that follows it with its ticket. */
export interface ParkedDownload {
  /** The method's name and its raw arguments: a ticket serves only the download it was made for. */
  key: string;
  attach(req: IncomingMessage, res: ServerResponse): void;
}

/** Parked downloads by ticket, one map per server. */
export type ParkedDownloads = Map<string, ParkedDownload>;

/** Most downloads parked at once (each holds an engine request and at most one piece of it). */
export const MAX_PARKED = 8;
/**
 * How long a parked download waits for its GET. The browser sends that GET within milliseconds of the
 * HEAD's answer; meanwhile the parked download holds the engine's archive request, and dockerd 20.10
 * holds the container's lock for an archive request's whole life: every other archive call on that
 * container (a stat, a listing, an upload, another download) waits for it. An unclaimed ticket (a
 * download the browser refused) so blocks that container's files for this long; at 15 s a second
 * HEAD on the same file waited the full 15 s (measured).
 */
export const PARK_MS = 3_000;

function serveDownloadOverHttp(req: IncomingMessage, res: ServerResponse, name: string, args: unknown, key: string, options: BytesRequestOptions, isHead: boolean): void {
  const base = options.headers;
  /** Where the bytes go: the GET's response; none while parked after a HEAD. */
  let target: ServerResponse | undefined = res;
  /** Messages that came while parked (only an end can: no bytes are sent while congested). */
  const held: ServerMessage[] = [];
  let responseHeaders: Record<string, string> = {};
  /** Answering a HEAD (no body, even for an error). */
  let bodiless = isHead;
  let finished = false;
  let written = 0;
  let flushed = 0;
  let acked = 0;
  let declared: number | null = null;
  const follow = (r: ServerResponse) =>
    r.on('close', () => {
      // The client went away (or the response is over): nothing of this download keeps running.
      if (r !== target) return;
      finished = true;
      connection.close();
    });

  /**
   * After a HEAD: keep the download open, paused (congested), for the GET that follows with the
   * ticket, so the browser's own download costs no second engine request. The HEAD is answered after
   * the stat (engine/files/download.ts); the engine's archive GET, slow to answer, starts meanwhile and
   * is under way when the browser's GET comes. Unclaimed, it is cancelled.
   * The ticket is no credential: the GET presenting it passes every check above (token cookie, Host,
   * Sec-Fetch-Site); it is random (128 bits), serves once, only for the same method and arguments,
   * and at most MAX_PARKED wait at once (past that a HEAD cancels at once, as without parking).
   */
  const park = (): string | undefined => {
    const parked = options.parked;
    if (!parked || parked.size >= MAX_PARKED) return undefined;
    const ticket = randomBytes(16).toString('base64url');
    const timer = setTimeout(() => {
      parked.delete(ticket);
      finished = true;
      connection.close();
    }, PARK_MS);
    timer.unref();
    parked.set(ticket, {
      key,
      attach(req2, res2) {
        parked.delete(ticket);
        clearTimeout(timer);
        target = res2;
        bodiless = false;
        follow(res2);
        req2.resume();
        for (const msg of held.splice(0)) sink.send(msg);
      },
    });
    return ticket;
  };

  const sink = {
    send(msg: ServerMessage) {
      if (finished) return;
      if (!target) return void held.push(msg);
      const out = target;
      switch (msg.t) {
        case 'head': {
          const head = (msg.head ?? {}) as { fileName?: unknown; size?: unknown; kind?: unknown };
          const fileName = typeof head.fileName === 'string' && head.fileName ? head.fileName : 'download';
          declared = typeof head.size === 'number' && Number.isSafeInteger(head.size) && head.size >= 0 ? head.size : null;
          responseHeaders = {
            ...base,
            'Content-Type': head.kind === 'dir' ? 'application/x-tar' : 'application/octet-stream',
            'Content-Disposition': contentDisposition(fileName),
            'Cache-Control': 'no-store',
            [HEAD_HEADER]: encodeURIComponent(JSON.stringify(msg.head ?? null)),
            ...(declared !== null ? { 'Content-Length': String(declared) } : {}),
          };
          // A GET: the status waits for the first byte (or the end), so an error before it still
          // answers with its own status and JSON rather than a cut 200.
          if (!bodiless) return;
          // The head is all a HEAD asks for: answer it, and park the download for the GET to come.
          const ticket = park();
          out.writeHead(200, ticket ? { ...responseHeaders, [TICKET_HEADER]: ticket } : responseHeaders);
          if (ticket) target = undefined;
          else {
            finished = true;
            connection.close();
          }
          out.end();
          return;
        }
        case 'bytes': {
          const length = msg.data.length;
          written += length;
          if (!out.headersSent) out.writeHead(200, responseHeaders);
          // Acknowledged once handed to the socket (the write's callback): the dispatcher sends at most
          // one window beyond what left, and pauses while the response's buffer is full (congested).
          out.write(msg.data, () => {
            flushed += length;
            if (finished || flushed - acked < BYTE_LIMITS.ackEvery) return;
            acked = flushed;
            connection.handle({ t: 'ack', id: STREAM_ID, bytes: flushed });
          });
          return;
        }
        case 'end':
        case 'result': {
          finished = true;
          const error = msg.t === 'end' ? msg.error : msg.ok ? { code: 'TRANSPORT' as const, message: 'A download was answered as a call' } : msg.error;
          if (error) {
            options.log(`http ${options.connectionId} ${name}: ${error.code} ${error.message}`);
            sendError(out, base, error, bodiless);
          } else if (declared !== null && written !== declared) {
            options.log(`http ${options.connectionId} ${name}: ${written} bytes sent of ${declared} announced`);
            out.destroy();
          } else {
            if (!out.headersSent) out.writeHead(200, responseHeaders);
            out.end();
          }
          connection.close();
          return;
        }
        default:
          return;
      }
    },
    // Parked: send nothing (the dispatcher pulls nothing more from the engine either).
    congested: () => !target || target.writableLength > CONGESTED_BYTES,
  };
  const connection = options.dispatcher.connect(sink, options.connectionId);
  follow(res);
  req.resume();
  connection.handle({ t: 'open', id: STREAM_ID, name, args });
}

function serveUploadOverHttp(req: IncomingMessage, res: ServerResponse, name: string, args: unknown, options: BytesRequestOptions): void {
  const base = options.headers;
  const { window, frameBytes } = BYTE_LIMITS;
  let finished = false;
  let sent = 0;
  let acked = 0;
  // Bytes read and not handed over yet, gathered into whole frames: the request comes in chunks of
  // ≤ 64 KiB, and the engine takes an upload far faster in big writes (a 32 MiB file piped to its
  // archive endpoint: 0.8× `docker cp`'s time in 1 MiB writes, 1.0-1.3× in 64 KiB writes).
  const pending = new ByteQueue();
  let bodyEnded = false;
  let eofSent = false;
  const eof = () => {
    if (eofSent || finished) return;
    eofSent = true;
    connection.handle({ t: 'eof', id: STREAM_ID });
  };
  /** Hand the dispatcher whole frames as the window has room; read the request on while gathering one. */
  const pump = () => {
    while (!finished && pending.size > 0) {
      const want = Math.min(window - (sent - acked), frameBytes);
      // No room, or a frame still being gathered (the last one goes when the body ends).
      if (want <= 0 || (pending.size < want && !bodyEnded)) break;
      const piece = pending.take(want);
      sent += piece.length;
      connection.handle({ t: 'bytes', id: STREAM_ID, data: piece });
    }
    if (finished) return;
    if (bodyEnded) {
      if (!pending.size) eof();
    } else if (pending.size >= frameBytes) req.pause();
    else if (req.isPaused()) req.resume();
  };
  const sink = {
    send(msg: ServerMessage) {
      if (finished) return;
      if (msg.t === 'ack' && msg.id === STREAM_ID) {
        acked = Math.max(acked, msg.bytes);
        pump();
        return;
      }
      if (msg.t !== 'result' && msg.t !== 'end') return;
      finished = true;
      const error = msg.t === 'end' ? (msg.error ?? { code: 'TRANSPORT' as const, message: 'An upload was answered as a download' }) : msg.ok ? undefined : msg.error;
      if (error) {
        options.log(`http ${options.connectionId} ${name}: ${error.code} ${error.message}`);
        sendError(res, base, error);
      } else {
        const body = `${JSON.stringify({ value: (msg as { value: unknown }).value })}\n`;
        res.writeHead(200, { ...base, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': 'no-store' });
        res.end(body);
      }
      connection.close();
      // Answered before the whole body came (a refusal before the first byte): read the rest and drop
      // it, so the browser, still sending, gets this answer rather than a reset connection.
      pending.clear();
      if (!req.complete) req.resume();
    },
  };
  const connection = options.dispatcher.connect(sink, options.connectionId);
  const abandon = () => {
    if (finished) return;
    finished = true;
    connection.close();
  };
  // A request cut before its end (the client aborted): the upload is cancelled on the back end.
  req.on('error', abandon);
  res.on('close', abandon);
  connection.handle({ t: 'open', id: STREAM_ID, name, args });
  req.on('data', (chunk: Buffer) => {
    if (finished) return;
    pending.push(chunk);
    pump();
  });
  req.on('end', () => {
    if (finished) return;
    bodyEnded = true;
    pump();
  });
}
