import { contextBridge, ipcRenderer } from 'electron';
import { contract, createClient } from '../contract/index.js';
import { OPEN_EXTERNAL_CHANNEL } from './channels.js';
import { toBridgeSafe } from './bridge-safe.js';
import { createIpcTransport } from './ipc-transport.js';

/**
 * Exposes the contract client (window.berth) and the host helpers (window.berthHost) to the page.
 * Everything is derived from the contract; nothing here is written per method.
 */
export function exposeBerthBridge(): void {
  const client = createClient(contract, createIpcTransport(ipcRenderer));
  contextBridge.exposeInMainWorld('berth', toBridgeSafe(contract, client));
  contextBridge.exposeInMainWorld('berthHost', {
    kind: 'electron',
    openExternal: (url: string): Promise<void> => ipcRenderer.invoke(OPEN_EXTERNAL_CHANNEL, String(url)) as Promise<void>,
  });
}
