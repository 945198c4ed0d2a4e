/**
 * The desktop UI's Content-Security-Policy, sent with every app:// response. Starts from
 * `default-src 'none'`; scripts only from our origin; 'unsafe-inline' styles because xterm.js injects
 * <style> elements at run time. No connect-src beyond our origin: the UI reaches the back end through
 * IPC, never the network.
 */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
