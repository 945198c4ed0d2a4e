import { BerthError } from '../../contract/errors.js';

const BLOCK = 512;
const EMPTY = new Uint8Array(0);

/**
 * The bytes of the one regular file in a tar stream (the engine's archive of a file), yielded as they
 * arrive: views of the input pieces, never copies, never the whole file in memory. PAX and GNU
 * long-name headers before it are read (a PAX `size` wins over the header's). Stops after the file's
 * last byte; a stream that ends before it is an error, never a short file.
 */
export async function* tarFileBody(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  let buf: Uint8Array = EMPTY;
  const truncated = () => new BerthError('ENGINE_ERROR', 'The engine\'s archive ended before the file did');
  const more = async (): Promise<boolean> => {
    const step = await it.next();
    if (step.done) return false;
    if (!buf.length) buf = step.value;
    else {
      const joined = new Uint8Array(buf.length + step.value.length);
      joined.set(buf);
      joined.set(step.value, buf.length);
      buf = joined;
    }
    return true;
  };
  const take = async (n: number): Promise<Uint8Array> => {
    while (buf.length < n) if (!(await more())) throw truncated();
    const out = buf.subarray(0, n);
    buf = buf.subarray(n);
    return out;
  };
  try {
    let paxSize: number | undefined;
    for (;;) {
      const header = await take(BLOCK);
      if (header.every((b) => b === 0)) throw new BerthError('ENGINE_ERROR', 'The engine sent an archive without a file');
      const type = String.fromCharCode(header[156]!);
      const size = tarNumber(header.subarray(124, 136));
      const padded = Math.ceil(size / BLOCK) * BLOCK;
      if (type === 'x') {
        paxSize = paxNumber(await take(padded), size, 'size') ?? paxSize;
        continue;
      }
      if (type === 'g' || type === 'L' || type === 'K') {
        await take(padded);
        continue;
      }
      if (type !== '0' && type !== '\0' && type !== '7') throw new BerthError('VALIDATION', 'The archive holds no regular file');
      let left = paxSize ?? size;
      while (left > 0) {
        if (!buf.length && !(await more())) throw truncated();
        const piece = buf.length > left ? buf.subarray(0, left) : buf;
        buf = buf.subarray(piece.length);
        left -= piece.length;
        yield piece;
      }
      return;
    }
  } finally {
    await it.return?.();
  }
}

/** A tar numeric field: octal text, or base-256 when the first byte's high bit is set (big files). */
export function tarNumber(field: Uint8Array): number {
  if (field[0]! & 0x80) {
    let n = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i]!;
    return n;
  }
  const text = String.fromCharCode(...field).replace(/[\0 ]+$/g, '').trim();
  return text ? Number.parseInt(text, 8) : 0;
}

/** A numeric record (`NN key=value\n`) of PAX header data. */
function paxNumber(data: Uint8Array, length: number, key: string): number | undefined {
  const text = new TextDecoder().decode(data.subarray(0, length));
  const m = new RegExp(`(?:^|\\n)\\d+ ${key}=(\\d+)\\n`).exec(text);
  return m ? Number(m[1]) : undefined;
}
