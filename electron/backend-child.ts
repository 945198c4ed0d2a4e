import { contract, createDispatcher, ownBytes, type Connection, type Dispatcher, type ServerMessage } from '../contract/index.js';
import type { DesktopBackend } from './desktop-backend.js';

/** What the utility process needs of a MessagePortMain (Electron's, or the fake's in tests). */
export interface PortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
}
export interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown; ports: PortLike[] }) => void): unknown;
}

/** Messages from the main process to the back end's process. */
export type ToBackend = { t: 'connect'; id: string } | { t: 'stop' };
/** Messages from the back end's process to the main process. */
export type FromBackend = { t: 'log'; line: string } | { t: 'stopped' };

/**
 * The back end's side of the utility process: one dispatcher over the engine back end; each
 * connection (a window's page, the tray) arrives as a MessagePort of its own and speaks the contract's
 * messages as structured clones, bytes as Uint8Array. `stop` disposes the back end (stopping the
 * engine Berth started) and answers `stopped`; the caller then exits.
 */
export function serveBackend(parent: ParentPortLike, backend: DesktopBackend, onStopped: () => void, dispatcher: Dispatcher = createDispatcher(contract, backend.impl)): void {
  const connections = new Set<Connection>();
  let stopping = false;
  parent.on('message', ({ data, ports }) => {
    const msg = data as ToBackend;
    if (msg.t === 'connect' && ports[0] && !stopping) {
      const port = ports[0];
      const connection = dispatcher.connect(
        { send: (m: ServerMessage) => port.postMessage(m.t === 'bytes' ? { t: 'bytes', id: m.id, data: ownBytes(m.data) } : m) },
        msg.id,
      );
      connections.add(connection);
      port.on('message', (e) => connection.handle(e.data));
      port.on('close', () => {
        connection.close();
        connections.delete(connection);
      });
      port.start();
    } else if (msg.t === 'stop' && !stopping) {
      stopping = true;
      for (const c of connections) c.close();
      backend
        .dispose()
        .catch((err: unknown) => parent.postMessage({ t: 'log', line: `stopping the back end failed: ${(err as Error).message}` } satisfies FromBackend))
        .finally(() => {
          parent.postMessage({ t: 'stopped' } satisfies FromBackend);
          onStopped();
        });
    }
  });
}
