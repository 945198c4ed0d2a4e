import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ownBytes, type Connection, type Disposable, type Dispatcher, type ServerMessage } from '../contract/index.js';
import { isAppUrl, isExternalWebUrl } from './app-url.js';
import { BACKEND_STATUS_CHANNEL, CONNECT_CHANNEL, OPEN_EXTERNAL_CHANNEL, PICK_COMPOSE_FILES_CHANNEL, RPC_CHANNEL } from './channels.js';

export interface IpcRouterOptions {
  dispatcher: Dispatcher;
  openExternal(url: string): Promise<void>;
  /** The native Open dialog for compose files, for the page that asked: the chosen paths ([] when cancelled). */
  pickComposeFiles?(sender: WebContents): Promise<string[]>;
  log(line: string): void;
  /** The back end's process going down and up again (desktop-app.ts): every page is told, then resubscribes. */
  backendStatus?: { onStatus(listener: (status: 'open' | 'closed') => void): Disposable };
  /** Sees each connection's messages go by (notifications for pulls, pushes and builds); never changes them. */
  observer?: TrafficObserver;
}

export interface TrafficObserver {
  fromPage(connection: string, msg: unknown): void;
  toPage(connection: string, msg: ServerMessage): void;
  closed(connection: string): void;
}

/**
 * The contract over Electron IPC, derived generically: one channel carries the same messages as the
 * WebSocket (the bytes of downloads and uploads as Uint8Array, flow-controlled by the same acknowledged
 * windows), fed to one dispatcher connection per page load. Every message is checked like VS Code's
 * ValidatedIpcMain does: it must come from the main frame of a page whose URL is our own
 * app://berth/ origin; anything else is dropped and logged. The dispatcher then validates the
 * arguments with the contract's zod schemas.
 */
export function registerIpcRouter(options: IpcRouterOptions): Disposable {
  const { dispatcher, log } = options;
  const connections = new Map<number, Connection>();
  const watched = new Set<WebContents>();

  const senderProblem = (event: IpcMainEvent | IpcMainInvokeEvent): string | undefined => {
    const frame = event.senderFrame;
    if (!frame) return 'its frame is gone';
    if (frame.parent !== null) return `it came from a sub-frame (${frame.url})`;
    if (!isAppUrl(frame.url)) return `it came from a foreign page (${frame.url})`;
    return undefined;
  };

  const close = (id: number) => {
    const connection = connections.get(id);
    if (!connection) return;
    connection.close();
    connections.delete(id);
    options.observer?.closed(`ipc-${id}`);
  };

  const open = (contents: WebContents): Connection => {
    const id = contents.id;
    close(id);
    const connection = dispatcher.connect(
      {
        send(msg: ServerMessage) {
          if (contents.isDestroyed()) return;
          if (msg.t !== 'bytes') options.observer?.toPage(`ipc-${id}`, msg);
          // Bytes cross as a Uint8Array (structured clone), tightened so a view sends only its own bytes.
          contents.send(RPC_CHANNEL, msg.t === 'bytes' ? { t: 'bytes', id: msg.id, data: ownBytes(msg.data) } : msg);
        },
      },
      `ipc-${id}`,
    );
    connections.set(id, connection);
    if (!watched.has(contents)) {
      watched.add(contents);
      // A new document must not receive events of the old one's subscriptions.
      contents.on('did-start-navigation', (e) => {
        if (e.isMainFrame && !e.isSameDocument) close(id);
      });
      contents.on('render-process-gone', () => close(id));
      contents.once('destroyed', () => {
        close(id);
        watched.delete(contents);
      });
    }
    return connection;
  };

  const onConnect = (event: IpcMainEvent) => {
    const problem = senderProblem(event);
    if (problem) return log(`ipc: dropped ${CONNECT_CHANNEL}: ${problem}`);
    open(event.sender);
  };

  const onRpc = (event: IpcMainEvent, msg: unknown) => {
    const problem = senderProblem(event);
    if (problem) return log(`ipc: dropped a ${RPC_CHANNEL} message: ${problem}`);
    const connection = connections.get(event.sender.id) ?? open(event.sender);
    options.observer?.fromPage(`ipc-${event.sender.id}`, msg);
    connection.handle(msg);
  };

  const onOpenExternal = async (event: IpcMainInvokeEvent, url: unknown): Promise<void> => {
    const problem = senderProblem(event);
    if (problem) {
      log(`ipc: dropped ${OPEN_EXTERNAL_CHANNEL}: ${problem}`);
      throw new Error('Not allowed');
    }
    if (!isExternalWebUrl(url)) throw new Error(`Only http and https links can be opened in the browser (got ${JSON.stringify(String(url).slice(0, 200))}).`);
    await options.openExternal(url);
  };

  const onPickComposeFiles = async (event: IpcMainInvokeEvent): Promise<string[]> => {
    const problem = senderProblem(event);
    if (problem) {
      log(`ipc: dropped ${PICK_COMPOSE_FILES_CHANNEL}: ${problem}`);
      throw new Error('Not allowed');
    }
    return options.pickComposeFiles ? options.pickComposeFiles(event.sender) : [];
  };

  // Each page's connection ends with the old process; the page's client resubscribes on 'open' over a new one.
  const statusSub = options.backendStatus?.onStatus((status) => {
    for (const id of [...connections.keys()]) close(id);
    for (const contents of watched) if (!contents.isDestroyed()) contents.send(BACKEND_STATUS_CHANNEL, status);
  });

  ipcMain.on(CONNECT_CHANNEL, onConnect);
  ipcMain.on(RPC_CHANNEL, onRpc);
  ipcMain.handle(OPEN_EXTERNAL_CHANNEL, onOpenExternal);
  ipcMain.handle(PICK_COMPOSE_FILES_CHANNEL, onPickComposeFiles);

  return {
    dispose() {
      statusSub?.dispose();
      ipcMain.removeListener(CONNECT_CHANNEL, onConnect);
      ipcMain.removeListener(RPC_CHANNEL, onRpc);
      ipcMain.removeHandler(OPEN_EXTERNAL_CHANNEL);
      ipcMain.removeHandler(PICK_COMPOSE_FILES_CHANNEL);
      for (const id of [...connections.keys()]) close(id);
    },
  };
}
