import type { Session, WebContents } from 'electron';
import { isAppUrl, isExternalWebUrl } from './app-url.js';

export interface SecurityDeps {
  /** Hands an http(s) URL to the system browser. */
  openExternal(url: string): void;
  log(line: string): void;
}

/**
 * Locks down one webContents: no navigation away from app://berth/, no redirects elsewhere, no new
 * windows (http/https links go to the system browser instead), no <webview>. Applied to every
 * webContents through app 'web-contents-created', so nothing escapes it.
 */
export function hardenWebContents(contents: WebContents, deps: SecurityDeps): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    deps.log(`blocked navigation to ${event.url}`);
    if (event.isMainFrame && isExternalWebUrl(event.url)) deps.openExternal(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    deps.log(`blocked redirect to ${event.url}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    deps.log('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) deps.openExternal(url);
    else deps.log(`blocked window.open(${url})`);
    return { action: 'deny' };
  });
}

/** Permissions the UI may use: writing to the clipboard (copying from the terminal and logs), nothing else. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/**
 * Locks down the session: every permission is denied except clipboard writes from our own origin,
 * and the page cannot reach the network (http, https, ws, wss, file) at all: it talks to the back
 * end over IPC only.
 */
export function hardenSession(session: Session, log: (line: string) => void): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = ALLOWED_PERMISSIONS.has(permission) && details.isMainFrame && isAppUrl(details.requestingUrl);
    if (!granted) log(`denied permission "${permission}" to ${details.requestingUrl}`);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingOrigin));
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*'] }, (details, callback) => {
    log(`blocked a ${details.resourceType} request to ${details.url}`);
    callback({ cancel: true });
  });
}
