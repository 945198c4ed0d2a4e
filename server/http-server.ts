import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatcher } from '../contract/index.js';
import { BYTE_FRAME_HEADER, BYTE_LIMITS } from '../contract/byte-frame.js';
import { BYTES_PATH, checkBytesRequest, serveBytesRequest, type ParkedDownloads } from './byte-http.js';
import { createRequestGuard, type RequestGuard } from './request-guard.js';
import { securityHeaders } from './security-headers.js';
import { createStaticFiles, type StaticFiles } from './static-files.js';
import { serveApiSocket } from './ws-api.js';

export const API_PATH = '/api';
/** Largest WebSocket message: one byte frame of an upload (1 MiB of bytes and the frame's header). */
export const MAX_PAYLOAD = BYTE_LIMITS.frameBytes + BYTE_FRAME_HEADER;

export interface BerthServerOptions {
  dispatcher: Dispatcher;
  token: string;
  /** Folder of the built UI (dist/renderer). */
  uiDir: string;
  /** 0 picks a free port. */
  port?: number;
  log?: (line: string) => void;
  heartbeatMs?: number;
}

export interface BerthServer {
  readonly port: number;
  /** http://127.0.0.1:PORT/ */
  readonly origin: string;
  /** The address to open: the origin with ?token=. */
  readonly url: string;
  /** Stops accepting, closes every WebSocket and HTTP connection. */
  close(): Promise<void>;
}

/** Browser mode: the built UI and the contract over WebSocket, on 127.0.0.1 only, behind the token. */
export async function startBerthServer(options: BerthServerOptions): Promise<BerthServer> {
  const log = options.log ?? (() => undefined);
  const statics = await createStaticFiles(options.uiDir);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD, perMessageDeflate: false });
  const sockets = new Set<WebSocket>();
  const parked: ParkedDownloads = new Map();
  let nextConnection = 1;

  // Listen first: the guard needs the port (cookie name, allowed Host and Origin). Handlers are attached
  // before the event loop can accept a connection.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const guard = createRequestGuard(options.token, port);

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith(BYTES_PATH)) {
      // The bytes of downloads and uploads (server/byte-http.ts); never the ?token= sign-in.
      const verdict = checkBytesRequest(req, guard);
      if (!verdict.ok) return plain(res, verdict.status, verdict.reason, guard);
      return serveBytesRequest(req, res, url, { dispatcher: options.dispatcher, connectionId: `http-${nextConnection++}`, headers: securityHeaders(wsOrigins(guard)), log, parked });
    }
    handleHttp(req, res, guard, statics, log).catch((err: unknown) => {
      log(`http ${req.method} ${req.url}: ${(err as Error).message}`);
      if (!res.headersSent) plain(res, 500, 'Berth hit an internal error serving this request.', guard);
      else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    const refuse = (status: number, text: string, reason: string) => {
      log(`ws upgrade refused (${status}): ${reason}`);
      socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== API_PATH) return refuse(404, 'Not Found', `WebSockets are served at ${API_PATH} only.`);
    const verdict = guard.check(req.headers);
    if (!verdict.ok) return refuse(verdict.status, verdict.status === 401 ? 'Unauthorized' : 'Forbidden', verdict.reason);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const id = `ws-${nextConnection++}`;
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      serveApiSocket(ws, id, { dispatcher: options.dispatcher, log, heartbeatMs: options.heartbeatMs });
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    origin: `${origin}/`,
    url: `${origin}/?token=${encodeURIComponent(options.token)}`,
    close: () => closeServer(server, sockets),
  };
}

async function closeServer(server: Server, sockets: Set<WebSocket>): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const ws of sockets) ws.close(1001, 'Berth is shutting down');
  server.closeIdleConnections();
  // Give sockets a moment to say goodbye, then cut whatever is left.
  const timer = setTimeout(() => {
    for (const ws of sockets) ws.terminate();
    server.closeAllConnections();
  }, 1000);
  await closed;
  clearTimeout(timer);
}

function wsOrigins(guard: RequestGuard): string[] {
  return guard.origins.map((o) => o.replace(/^http:/, 'ws:'));
}

function plain(res: ServerResponse, status: number, text: string, guard: RequestGuard, extra: Record<string, string> = {}): void {
  const body = `${text}\n`;
  res.writeHead(status, {
    ...securityHeaders(wsOrigins(guard)),
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

async function handleHttp(req: IncomingMessage, res: ServerResponse, guard: RequestGuard, statics: StaticFiles, log: (line: string) => void): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const queryToken = url.searchParams.get('token');
  const verdict = guard.check(req.headers);

  if (queryToken !== null) {
    if (verdict.ok === false && verdict.status === 403) return plain(res, 403, verdict.reason, guard);
    if (!guard.tokenMatches(queryToken)) {
      return plain(res, 401, 'The access token in this address is wrong or out of date (Berth makes a new one each time it starts). Open the address Berth printed this time.', guard);
    }
    // Keep the token out of the address bar and history: store it in a cookie and redirect.
    url.searchParams.delete('token');
    const location = `${url.pathname}${url.search}`;
    return plain(res, 303, `Signed in; continue at ${location}`, guard, { Location: location, 'Set-Cookie': guard.setCookie() });
  }
  if (!verdict.ok) return plain(res, verdict.status, verdict.reason, guard, verdict.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="berth"' } : {});

  if (url.pathname === API_PATH) return plain(res, 426, `The Berth API at ${API_PATH} is a WebSocket; connect with the WebSocket protocol.`, guard, { Upgrade: 'websocket' });
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, `${req.method} is not allowed here; the UI is served with GET.`, guard, { Allow: 'GET, HEAD' });

  const found = await statics.lookup(url.pathname);
  if (found.kind === 'bad-path') return plain(res, 400, 'That path is not allowed.', guard);
  if (found.kind === 'not-found' && url.pathname === '/favicon.ico') {
    // Browsers ask for it on their own; until the UI ships one, say "nothing" rather than log a 404.
    res.writeHead(204, { ...securityHeaders(wsOrigins(guard)), 'Cache-Control': 'private, max-age=86400' });
    return void res.end();
  }
  if (found.kind === 'not-found') return plain(res, 404, `Not found: ${url.pathname}`, guard);
  if (found.kind === 'no-ui') {
    log(`the UI is not built: ${statics.root}/index.html is missing`);
    return plain(res, 503, 'The Berth UI is not built yet. Run `npm run build`, then reload this page.', guard);
  }
  const { file } = found;
  res.writeHead(200, {
    ...securityHeaders(wsOrigins(guard)),
    'Content-Type': file.contentType,
    'Content-Length': String(file.size),
    'Cache-Control': file.immutable ? 'private, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(file.path);
    stream.on('error', reject);
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}
