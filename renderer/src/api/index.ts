import type { BerthApi, BerthContract, Disposable } from '../../../contract/index.js';
import { berthKinds } from '../../../contract/kinds.js';
import { createClient } from '../../../contract/rpc-client.js';
import { rehydrateErrors } from './rehydrate.js';
import { createWsTransport } from './ws-transport.js';

/**
 * The only place in the renderer that touches a transport. In Electron the preload has already
 * exposed a client derived from the contract as `window.berth`; in browser mode we build the same
 * client over a WebSocket to the page's own origin. Either way from the contract's names and kinds
 * (contract/kinds.ts), never from contract/index.js's values: those would evaluate every zod schema
 * of the contract on the window's way to its first paint.
 */
declare global {
  interface Window {
    berth?: BerthApi;
    berthHost?: {
      kind: 'electron';
      openExternal(url: string): Promise<void>;
      onBackendStatus?(cb: (status: 'open' | 'closed') => void): () => void;
      pickComposeFiles?(): Promise<string[]>;
    };
  }
}

let api: BerthApi | undefined;
let ws: ReturnType<typeof createWsTransport> | undefined;

export function getApi(): BerthApi {
  if (api) return api;
  if (window.berth) return (api = rehydrateErrors(berthKinds, window.berth));
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  // The socket early-socket.ts opened before this chunk ran, if any: this transport takes it over.
  // null tells early-socket.ts, should it run only now (its file came after this chunk), to open none.
  ws = createWsTransport(`${scheme}//${location.host}/api`, window.berthEarlySocket ?? undefined);
  window.berthEarlySocket = null;
  api = createClient<BerthContract>(berthKinds, ws);
  return api;
}

/** Browser mode: the WebSocket's open/close. Desktop: the back end's process going down and back up after a crash. */
export function transportStatus(listener: (status: 'open' | 'closed') => void): Disposable {
  getApi();
  const host = window.berthHost?.onBackendStatus;
  if (host) {
    const off = host(listener);
    return { dispose: () => off() };
  }
  return ws?.onStatus ? ws.onStatus(listener) : { dispose: () => undefined };
}

/**
 * Browser mode, while the WebSocket is down: whether the server is up but refuses this page's cookie
 * (it started again with a new token, so reconnecting cannot succeed). The API path answers a plain GET
 * with 426 when the cookie is good and 401 when it is not; a server that is down answers nothing.
 */
export async function accessRefused(): Promise<boolean> {
  if (window.berthHost) return false;
  try {
    const r = await fetch('/api', { cache: 'no-store', credentials: 'same-origin' });
    return r.status === 401;
  } catch {
    return false;
  }
}

/** Desktop: the system browser. Browser mode: a new tab. */
export function openExternal(url: string): void {
  if (window.berthHost) void window.berthHost.openExternal(url);
  else window.open(url, '_blank', 'noopener,noreferrer');
}

/** Desktop: the native Open dialog for compose files. Browser mode has none (the page takes a typed path). */
export function composeFilePicker(): (() => Promise<string[]>) | undefined {
  const pick = window.berthHost?.pickComposeFiles;
  return pick ? () => pick() : undefined;
}

export type { BerthApi };
