/**
 * Where the desktop UI lives: a privileged custom scheme, app://berth/, served from dist/renderer.
 *
 * Why not file://: every local file shares one file:// "origin", so a sender check on file:// URLs
 * cannot tell our index.html from any other file; file:// pages can read other local files; and we
 * could not set response headers (CSP). app://berth/ is a real, standard, secure origin that only our
 * protocol handler serves (from one folder), so the IPC sender check, the navigation guard and the
 * CSP header all key on it.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'berth';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs of our own UI (app://berth/...). Node's URL reports origin "null" for custom schemes, so compare parts. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** http(s) links are the only ones handed to the system browser. */
export function isExternalWebUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 8192) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
