import { contextBridge, ipcRenderer } from 'electron';
import { contract, createClient } from '../contract/index.js';
import { NAVIGATE_CHANNEL, OPEN_EXTERNAL_CHANNEL, PICK_COMPOSE_FILES_CHANNEL } from './channels.js';
import { toBridgeSafe } from './bridge-safe.js';
import { createIpcTransport, onBackendStatus } from './ipc-transport.js';
import { isHashRoute } from './window-route.js';

/**
 * Exposes the contract client (window.berth) and the host helpers (window.berthHost) to the page.
 * Everything is derived from the contract; nothing here is written per method.
 */
export function exposeBerthBridge(): void {
  // The tray and notifications open a page by its hash route; anything else is ignored.
  ipcRenderer.on(NAVIGATE_CHANNEL, (_event, route: unknown) => {
    if (isHashRoute(route)) globalThis.location.hash = route;
  });
  const client = createClient(contract, createIpcTransport(ipcRenderer));
  contextBridge.exposeInMainWorld('berth', toBridgeSafe(contract, client));
  contextBridge.exposeInMainWorld('berthHost', {
    kind: 'electron',
    openExternal: (url: string): Promise<void> => ipcRenderer.invoke(OPEN_EXTERNAL_CHANNEL, String(url)) as Promise<void>,
    /** The native Open dialog for compose files: the chosen paths, [] when cancelled. */
    pickComposeFiles: (): Promise<string[]> => ipcRenderer.invoke(PICK_COMPOSE_FILES_CHANNEL) as Promise<string[]>,
    /** The back end restarted after a crash: 'closed', then 'open' (the page shows it briefly). Returns the unsubscribe. */
    onBackendStatus: (cb: (status: 'open' | 'closed') => void): (() => void) => {
      const sub = onBackendStatus(ipcRenderer, (status) => cb(status));
      return () => sub.dispose();
    },
  });
}
