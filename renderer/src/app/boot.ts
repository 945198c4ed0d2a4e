import { accessRefused, composeFilePicker, getApi, openExternal, transportStatus } from '../api/index.js';
import { createAppRuntime, type AppRuntime } from './runtime.js';

/*
 * The window's runtime: one API client, one store, the subscriptions. main.tsx imports this module
 * before React and the UI, so the WebSocket opens and the container list is asked for before the
 * bulk of the main chunk (react-dom, the pages) is evaluated: the back end reads the list while the
 * window gets ready to show it (bench/first-row.ts). Nothing here may import React.
 */
export const runtime: AppRuntime = createAppRuntime(getApi(), {
  host: window.berthHost ? 'desktop' : 'browser',
  openUrl: openExternal,
  pickComposeFiles: composeFilePicker(),
  transportStatus,
  accessRefused,
});
window.addEventListener('pagehide', (e) => {
  if (!e.persisted) runtime.dispose();
});
