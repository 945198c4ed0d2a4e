import { describe, expect, it } from 'vitest';
import { FrameDemuxer, type FramePiece } from './frame-demuxer.js';

function frame(stream: number, text: string): Uint8Array {
  const payload = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + payload.length);
  out[0] = stream;
  new DataView(out.buffer).setUint32(4, payload.length);
  out.set(payload, 8);
  return out;
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
};

/** Join consecutive pieces of one stream back into text. */
function texts(pieces: FramePiece[]): [string, string][] {
  const out: [string, Uint8Array][] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (last && last[0] === p.stream) last[1] = concat(last[1], p.data);
    else out.push([p.stream, p.data]);
  }
  return out.map(([s, b]) => [s, Buffer.from(b).toString('utf8')]);
}

describe('FrameDemuxer', () => {
  it('splits whole frames into stdout and stderr', () => {
    const d = new FrameDemuxer();
    const pieces = d.push(concat(frame(1, 'out 1\n'), frame(2, 'err 1\n'), frame(1, 'out 2\n')));
    expect(texts(pieces)).toEqual([
      ['stdout', 'out 1\n'],
      ['stderr', 'err 1\n'],
      ['stdout', 'out 2\n'],
    ]);
    expect(d.incomplete).toBe(false);
  });

  it('copes with headers and payloads split at every possible byte', () => {
    const all = concat(frame(1, 'hello\n'), frame(2, 'wörld\n'), frame(0, ''), frame(1, 'x'.repeat(300)));
    for (let cut = 1; cut < all.length; cut++) {
      const d = new FrameDemuxer();
      const pieces = [...d.push(all.subarray(0, cut)), ...d.push(all.subarray(cut))];
      expect(texts(pieces)).toEqual([
        ['stdout', 'hello\n'],
        ['stderr', 'wörld\n'],
        ['stdout', 'x'.repeat(300)],
      ]);
    }
  });

  it('hands consecutive frames of one stream on as one piece, without their headers', () => {
    const d = new FrameDemuxer();
    const pieces = d.push(concat(frame(1, 'a\n'), frame(1, 'b'.repeat(100)), frame(1, 'c\n'), frame(2, 'e\n'), frame(2, 'f\n'), frame(1, 'g\n')));
    expect(pieces.map((p) => [p.stream, Buffer.from(p.data).toString('utf8')])).toEqual([
      ['stdout', `a\n${'b'.repeat(100)}c\n`],
      ['stderr', 'e\nf\n'],
      ['stdout', 'g\n'],
    ]);
  });

  it('feeds one byte at a time and reports a cut-short frame', () => {
    const all = frame(2, 'abc');
    const d = new FrameDemuxer();
    const pieces: FramePiece[] = [];
    for (let i = 0; i < all.length - 1; i++) pieces.push(...d.push(all.subarray(i, i + 1)));
    expect(texts(pieces)).toEqual([['stderr', 'ab']]);
    expect(d.incomplete).toBe(true);
  });

  it('reads sizes above 2^31 without going negative', () => {
    const d = new FrameDemuxer();
    const header = new Uint8Array([1, 0, 0, 0, 0x80, 0, 0, 1]);
    const pieces = d.push(concat(header, new Uint8Array([65, 66])));
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.data.length).toBe(2);
    expect(d.incomplete).toBe(true);
  });
});
