import { describe, expect, it } from 'vitest';
import { extract, pack } from 'tar-stream';
import { tarFileBody, tarNumber } from './tar-file-body.js';
import { folderTar, putFile, tarHeader } from './upload-tar.js';

/** A tar made by tar-stream (as an independent writer), cut into pieces of `piece` bytes. */
async function tarOf(name: string, data: Buffer, piece: number): Promise<Buffer[]> {
  const p = pack();
  p.entry({ name, size: data.length }, data);
  p.finalize();
  const all: Buffer[] = [];
  for await (const c of p as AsyncIterable<Buffer>) all.push(c);
  const whole = Buffer.concat(all);
  const out: Buffer[] = [];
  for (let o = 0; o < whole.length; o += piece) out.push(whole.subarray(o, o + piece));
  return out;
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of source) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

async function* from(pieces: Uint8Array[]) {
  yield* pieces;
}

describe('tarFileBody', () => {
  const data = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 253));

  it('yields exactly the file, whatever the pieces, past a PAX long-name header', async () => {
    for (const piece of [1, 511, 512, 4096, 1 << 20]) {
      expect((await collect(tarFileBody(from(await tarOf('x'.repeat(150), data, piece))))).equals(data)).toBe(true);
    }
  });

  it('refuses an archive cut short, and one without a file', async () => {
    const cut = Buffer.concat(await tarOf('a', data, 1 << 20)).subarray(0, 30_000);
    await expect(collect(tarFileBody(from([cut])))).rejects.toThrow('ended before the file did');
    await expect(collect(tarFileBody(from([new Uint8Array(1024)])))).rejects.toThrow('without a file');
  });

  it('reads octal and base-256 sizes', () => {
    expect(tarNumber(Buffer.from('00000000017\0'))).toBe(15);
    expect(tarNumber(Uint8Array.from([0x80, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0]))).toBe(2 * 2 ** 32);
  });
});

describe('tarHeader', () => {
  it('makes headers another tar reader accepts, with a PAX path for long names', async () => {
    for (const name of ['short.txt', `${'é'.repeat(60)}.bin`]) {
      const ex = extract();
      const seen = new Promise<{ name: string; size: number; body: Buffer }>((resolve) =>
        ex.on('entry', (h, stream, next) => {
          void collect(stream as AsyncIterable<Uint8Array>).then((body) => (resolve({ name: h.name, size: h.size ?? -1, body }), next()));
        }),
      );
      ex.end(Buffer.concat([tarHeader(name, 3, 0o644, new Date()), Buffer.from('abc'), Buffer.alloc(509 + 1024)]));
      expect(await seen).toEqual({ name, size: 3, body: Buffer.from('abc') });
    }
  });

  it('folderTar is one folder entry (mode 0755), the long name kept whole', async () => {
    for (const name of ['made', 'x'.repeat(150)]) {
      const ex = extract();
      const seen: { name: string; type: string | null | undefined; mode: number | undefined }[] = [];
      const done = new Promise<void>((resolve) => ex.on('finish', resolve));
      ex.on('entry', (h, stream, next) => {
        seen.push({ name: h.name, type: h.type, mode: h.mode });
        stream.resume();
        stream.on('end', next);
      });
      folderTar(name).pipe(ex);
      await done;
      expect(seen).toEqual([{ name: `${name}/`, type: 'directory', mode: 0o755 }]);
    }
  });

  it('putFile fails, without calling on forever, when the body is shorter than announced', async () => {
    const engine = {
      upload: ({ data, signal }: { data: NodeJS.ReadableStream; signal: AbortSignal }) =>
        new Promise((_resolve, reject) => {
          data.resume();
          signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    };
    await expect(putFile({ engine: engine as never, id: 'c', dir: '/tmp', name: 'x', size: 10, body: from([new Uint8Array(3)]) })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'The upload ended after 3 of the 10 bytes it announced',
    });
  });
});
