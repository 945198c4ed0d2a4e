import { describe, expect, it } from 'vitest';
import { demuxDecoder, rawDecoder } from './terminal-decoder.js';

const enc = new TextEncoder();
const frame = (stream: number, text: string | Uint8Array) => {
  const payload = typeof text === 'string' ? enc.encode(text) : text;
  const out = new Uint8Array(8 + payload.length);
  out[0] = stream;
  new DataView(out.buffer).setUint32(4, payload.length);
  out.set(payload, 8);
  return out;
};

describe('terminal decoders', () => {
  it('raw: a multi-byte character split across chunks survives', () => {
    const bytes = enc.encode('café 🚢 ok');
    const d = rawDecoder();
    let out = '';
    // Split every byte: worst case.
    for (const b of bytes) out += d.push(Uint8Array.of(b));
    out += d.end();
    expect(out).toBe('café 🚢 ok');
  });

  it('raw: a truncated character at the end becomes U+FFFD, never garbage bytes', () => {
    const d = rawDecoder();
    expect(d.push(enc.encode('é').subarray(0, 1))).toBe('');
    expect(d.end()).toBe('\uFFFD');
  });

  it('demux: strips frame headers, keeps stdout and stderr, across arbitrary chunk boundaries', () => {
    const ship = enc.encode('🚢');
    const all = new Uint8Array([...frame(1, 'out '), ...frame(2, 'err '), ...frame(1, ship.subarray(0, 2)), ...frame(1, ship.subarray(2)), ...frame(1, '\n')]);
    for (const size of [1, 3, 7, 9, all.length]) {
      const d = demuxDecoder();
      let out = '';
      for (let i = 0; i < all.length; i += size) out += d.push(all.subarray(i, i + size));
      out += d.end();
      expect(out).toBe('out err 🚢\n');
    }
  });

  it('demux: an empty frame and a large frame', () => {
    const big = 'x'.repeat(70_000);
    const d = demuxDecoder();
    expect(d.push(new Uint8Array([...frame(1, ''), ...frame(1, big)]))).toBe(big);
  });
});
