/**
 * Base64 for bytes in the browser. Uses the native Uint8Array.fromBase64 / toBase64 where the engine
 * has them (Chromium 140+), else atob/btoa in pieces (String.fromCharCode on a huge array overflows
 * the stack).
 */

interface NativeBase64 {
  toBase64?: (this: Uint8Array) => string;
}
interface NativeFromBase64 {
  fromBase64?: (s: string) => Uint8Array<ArrayBuffer>;
}

export function bytesToBase64(bytes: Uint8Array): string {
  const native = (Uint8Array.prototype as NativeBase64).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as unknown as NativeFromBase64).fromBase64;
  if (native) return native(b64);
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
