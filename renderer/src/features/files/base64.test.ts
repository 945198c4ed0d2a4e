import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64.js';

describe('base64 in the browser', () => {
  it('round-trips binary data larger than one String.fromCharCode piece', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(b64)).toEqual(bytes);
  });
});
