import { z } from 'zod';

/**
 * The messages of the transport-agnostic RPC. Everything is a JSON-able object except `bytes`, whose
 * `data` is a Uint8Array: Electron IPC structured-clones it, the WebSocket sends it as a binary frame
 * (contract/byte-frame.ts).
 */

const id = z.number().int().nonnegative();
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes' });

export const clientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id, name: z.string().max(200), args: z.unknown() }),
  z.object({ t: z.literal('sub'), id, name: z.string().max(200), args: z.unknown() }),
  /** Cancel a stream, a download or an upload. */
  z.object({ t: z.literal('unsub'), id }),
  /** Start a download or an upload. */
  z.object({ t: z.literal('open'), id, name: z.string().max(200), args: z.unknown() }),
  /** Download `id`: the client has consumed `bytes` in all. */
  z.object({ t: z.literal('ack'), id, bytes: z.number().int().nonnegative() }),
  /** Upload `id`: the next bytes. */
  z.object({ t: z.literal('bytes'), id, data: bytes }),
  /** Upload `id`: no more bytes. */
  z.object({ t: z.literal('eof'), id }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

// The back end's messages: contract/server-message.ts (no zod, the window checks them).
export { parseServerMessage, type ServerMessage } from './server-message.js';
