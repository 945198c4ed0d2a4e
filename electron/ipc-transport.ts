import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { ownBytes, type ClientMessage, type ClientTransport, type Disposable } from '../contract/index.js';
import { BACKEND_STATUS_CHANNEL, CONNECT_CHANNEL, RPC_CHANNEL } from './channels.js';

/**
 * The preload's side of the IPC transport. Announces the page to the main process first (a fresh
 * connection per page load), then carries contract messages both ways on one channel.
 */
export function createIpcTransport(ipc: Pick<IpcRenderer, 'send' | 'on' | 'removeListener'>): ClientTransport {
  ipc.send(CONNECT_CHANNEL);
  return {
    send(msg: ClientMessage) {
      // An upload's bytes cross as a Uint8Array of their own (structured clone copies a view's whole buffer).
      ipc.send(RPC_CHANNEL, msg.t === 'bytes' ? { t: 'bytes', id: msg.id, data: ownBytes(msg.data) } : msg);
    },
    onMessage(cb: (msg: unknown) => void): Disposable {
      const listener = (_event: IpcRendererEvent, msg: unknown) => cb(msg);
      ipc.on(RPC_CHANNEL, listener);
      return { dispose: () => void ipc.removeListener(RPC_CHANNEL, listener) };
    },
    // The back end restarted (its process crashed): pending calls fail, live subscriptions are sent again.
    // It starts open: the page loads while the back end runs (a call made during a restart fails at once).
    onStatus(cb: (status: 'open' | 'closed') => void): Disposable {
      cb('open');
      return onBackendStatus(ipc, cb);
    },
  };
}

/** The back end's process status as the main process reports it (BACKEND_STATUS_CHANNEL). */
export function onBackendStatus(ipc: Pick<IpcRenderer, 'on' | 'removeListener'>, cb: (status: 'open' | 'closed') => void): Disposable {
  const listener = (_event: IpcRendererEvent, status: unknown) => {
    if (status === 'open' || status === 'closed') cb(status);
  };
  ipc.on(BACKEND_STATUS_CHANNEL, listener);
  return { dispose: () => void ipc.removeListener(BACKEND_STATUS_CHANNEL, listener) };
}
