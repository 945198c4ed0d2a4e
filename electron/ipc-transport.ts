import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { ownBytes, type ClientMessage, type ClientTransport, type Disposable } from '../contract/index.js';
import { CONNECT_CHANNEL, RPC_CHANNEL } from './channels.js';

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
  };
}
