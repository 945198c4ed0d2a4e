import { contract, createClient, type BerthApi, type ClientTransport, type Connection, type Disposable } from '../contract/index.js';
import type { BackendProcess } from './backend-process.js';

/**
 * The main process's own client of the back end (tray, notifications, settings), over a port like a
 * window's. After a restart of the back end it connects again and the client resubscribes.
 */
export function createMainClient(backend: Pick<BackendProcess, 'connect' | 'onStatus' | 'isRunning'>): BerthApi {
  const listeners = new Set<(msg: unknown) => void>();
  const sink = { send: (msg: unknown) => listeners.forEach((l) => l(msg)) };
  let connection: Connection | undefined;
  const transport: ClientTransport = {
    send: (msg) => (connection ??= backend.connect(sink, 'main')).handle(msg),
    onMessage(cb): Disposable {
      listeners.add(cb);
      return { dispose: () => void listeners.delete(cb) };
    },
    onStatus(cb): Disposable {
      if (backend.isRunning) cb('open');
      return backend.onStatus((status) => {
        connection?.close();
        connection = undefined;
        cb(status);
      });
    },
  };
  // Before the first 'open', subscriptions go nowhere and are sent again on 'open'.
  return createClient(contract, transport) as BerthApi;
}
