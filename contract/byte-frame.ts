/**
 * Byte streams (downloads and uploads) travel as binary data, never as base64 in JSON.
 *
 * The RPC layer sees one message for a piece of a byte stream: `{ t: 'bytes', id, data: Uint8Array }`.
 * Over Electron IPC that object is sent as is (structured clone copies the bytes). On the WebSocket it
 * is one binary message, a byte frame:
 *
 *   offset 0  u8   0xB7   magic: a Berth byte frame
 *   offset 1  u8   kind   1 = bytes of a stream (the only kind so far)
 *   offset 2  u16  0      reserved
 *   offset 4  u32  id     the stream's id (big-endian): the id of the `open` that started it
 *   offset 8  ...         the payload, 1 to BYTE_LIMITS.frameBytes bytes
 *
 * Everything else (open, head, ack, eof, end, result) stays a JSON text message.
 *
 * Flow control is explicit and the same on both transports: the sender may have at most
 * `BYTE_LIMITS.window` bytes sent beyond the receiver's last acknowledgement (`{ t: 'ack', id, bytes }`,
 * a running total of bytes consumed). The receiver acknowledges each `ackEvery` bytes it has consumed
 * (handed to the download's reader, or read by the upload's implementation), so a slow reader holds
 * the sender at one window: memory never grows past it. A cut connection drops every stream.
 *
 * The sizes were measured as bench/container-files.ts does (32 MiB through the contract against
 * `docker cp`, the old and the new code in the same run): frames of 1 MiB instead of 256 KiB (a
 * quarter of the messages, and of the back end's writes to the engine) and a window of 8 MiB instead
 * of 4 MiB (the engine takes an upload in bursts: with 4 MiB the sender waited at a full window, then
 * the engine at an empty queue) took the upload, with the upload's read-ahead, from about 2.0× to
 * 1.2-1.6× `docker cp`'s time. 16 MiB was better in some runs and no better in others; the window is
 * also what the back end may hold per upload, so it stays at 8 MiB.
 */

export const BYTE_LIMITS = {
  /** Most bytes sent beyond the last acknowledgement. */
  window: 8 * 1024 * 1024,
  /** The receiver acknowledges each time it has consumed this many more bytes. */
  ackEvery: 2 * 1024 * 1024,
  /** Largest payload of one frame (the server accepts WebSocket messages of one frame and its header). */
  frameBytes: 1024 * 1024,
  /** Largest piece an upload's source is asked for at once (sent as one frame or several). */
  readBytes: 1024 * 1024,
} as const;

export const BYTE_FRAME_MAGIC = 0xb7;
export const BYTE_FRAME_KIND_DATA = 1;
export const BYTE_FRAME_HEADER = 8;

/** One byte frame (header and payload in one buffer). */
export function encodeByteFrame(id: number, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(BYTE_FRAME_HEADER + data.length);
  writeHeader(out, id);
  out.set(data, BYTE_FRAME_HEADER);
  return out;
}

/** The header alone, for a sender that writes header and payload as two fragments of one message. */
export function encodeByteFrameHeader(id: number): Uint8Array<ArrayBuffer> {
  return writeHeader(new Uint8Array(BYTE_FRAME_HEADER), id);
}

function writeHeader(out: Uint8Array<ArrayBuffer>, id: number): Uint8Array<ArrayBuffer> {
  const view = new DataView(out.buffer, out.byteOffset, BYTE_FRAME_HEADER);
  view.setUint8(0, BYTE_FRAME_MAGIC);
  view.setUint8(1, BYTE_FRAME_KIND_DATA);
  view.setUint32(4, id);
  return out;
}

/** Read a byte frame: its stream id and a view of its payload (no copy); undefined when it is not one. */
export function decodeByteFrame(frame: Uint8Array): { id: number; data: Uint8Array } | undefined {
  if (frame.length <= BYTE_FRAME_HEADER) return undefined;
  const view = new DataView(frame.buffer, frame.byteOffset, BYTE_FRAME_HEADER);
  if (view.getUint8(0) !== BYTE_FRAME_MAGIC || view.getUint8(1) !== BYTE_FRAME_KIND_DATA || view.getUint16(2) !== 0) return undefined;
  return { id: view.getUint32(4), data: frame.subarray(BYTE_FRAME_HEADER) };
}

/**
 * The bytes of `data` in a buffer of their own. Structured clone (Electron IPC) copies a view's whole
 * underlying buffer, so a 256 KiB slice of a 1 MiB buffer would cross as 1 MiB: tighten first.
 */
export function ownBytes(data: Uint8Array): Uint8Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
}
