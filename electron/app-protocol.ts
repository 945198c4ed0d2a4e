import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { createStaticFiles, type StaticFiles } from '../server/static-files.js';
import { APP_HOST, APP_SCHEME } from './app-url.js';
import { APP_CSP } from './csp.js';

/** Must run before app `ready`: makes app:// a standard, secure origin (module scripts, fetch, storage). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

const headers = (contentType: string, extra: Record<string, string> = {}) => ({
  'Content-Type': contentType,
  'Content-Security-Policy': APP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  ...extra,
});

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: headers('text/plain; charset=utf-8') });
}

/** Answers one app:// request from the built UI folder (same traversal rules as browser mode). */
export async function appResponse(statics: StaticFiles, request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return text(404, `Unknown app host ${url.host}`);
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, `${request.method} is not allowed`);
  const found = await statics.lookup(url.pathname);
  if (found.kind === 'bad-path') return text(400, 'That path is not allowed.');
  if (found.kind === 'not-found') return text(404, `Not found: ${url.pathname}`);
  if (found.kind === 'no-ui') return text(503, `The Berth UI is not built (${statics.root}/index.html is missing). Run \`npm run build\`.`);
  const body = request.method === 'HEAD' ? null : await readFile(found.file.path);
  return new Response(body, { status: 200, headers: headers(found.file.contentType, { 'Content-Length': String(found.file.size) }) });
}

/** Serves app://berth/ from uiDir (dist/renderer). Call after app `ready`. */
export async function serveAppProtocol(uiDir: string, log: (line: string) => void): Promise<void> {
  const statics = await createStaticFiles(uiDir);
  protocol.handle(APP_SCHEME, (request) =>
    appResponse(statics, request).catch((err: unknown) => {
      log(`app protocol: ${request.url}: ${(err as Error).message}`);
      return text(500, 'Berth could not read this file.');
    }),
  );
}
