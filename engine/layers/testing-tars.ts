import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** Helpers that build layer tars and image exports in memory, for the layers explorer's unit tests. */

export interface TarItem {
  name: string;
  body?: string | Buffer;
  type?: 'file' | 'directory' | 'symlink';
  linkname?: string;
}

export async function makeTar(items: readonly TarItem[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => chunks.push(c as Buffer));
  const ended = new Promise<void>((res, rej) => {
    p.on('end', () => res());
    p.on('error', rej);
  });
  for (const it of items) {
    const type = it.type ?? 'file';
    const header = { name: it.name, type, ...(it.linkname ? { linkname: it.linkname } : {}), ...(type === 'file' ? {} : { size: 0 }) };
    await new Promise<void>((res, rej) => {
      const done = (err?: Error | null) => (err ? rej(err) : res());
      if (type === 'file') p.entry(header, it.body ?? '', done);
      else p.entry(header, done);
    });
  }
  p.finalize();
  await ended;
  return Buffer.concat(chunks);
}

const file = (name: string, body: string): TarItem => ({ name, body });
const dir = (name: string): TarItem => ({ name, type: 'directory' });

/** Four layers: base files; adds /junk.txt and /etc/conf; deletes /junk.txt, overwrites /etc/conf; opaque /var/cache. */
export async function sampleLayers(): Promise<Buffer[]> {
  return [
    await makeTar([dir('bin/'), file('bin/sh', 'shell'), dir('etc/'), file('etc/passwd', 'root:x:0:0'), dir('var/'), dir('var/cache/'), file('var/cache/a', 'aaaa'), file('var/cache/b', 'bb')]),
    await makeTar([file('junk.txt', 'x'.repeat(100)), dir('etc/'), file('etc/conf', 'v1-config')]),
    await makeTar([file('.wh.junk.txt', ''), dir('etc/'), file('etc/conf', 'v2')]),
    await makeTar([dir('var/cache/'), file('var/cache/.wh..wh..opq', ''), file('var/cache/b', 'new-b')]),
  ];
}

/** Docker's legacy `docker save` layout: <id>/layer.tar, <config>.json, manifest.json (written last). */
export async function legacyExport(layers: readonly Buffer[], config: unknown): Promise<Buffer> {
  const items: TarItem[] = [];
  const paths: string[] = [];
  layers.forEach((l, i) => {
    const id = `${String(i).repeat(8)}layer`;
    items.push(dir(`${id}/`), file(`${id}/VERSION`, '1.0'), file(`${id}/json`, '{}'), { name: `${id}/layer.tar`, body: l });
    paths.push(`${id}/layer.tar`);
  });
  items.push(file('cfg0123.json', JSON.stringify(config)));
  items.push(file('manifest.json', JSON.stringify([{ Config: 'cfg0123.json', RepoTags: ['x:1'], Layers: paths }])));
  items.push(file('repositories', '{"x":{"1":"abc"}}'));
  return makeTar(items);
}

/** The OCI layout newer engines export: blobs/sha256/<hex> (here gzip-compressed), index.json, manifest.json, with legacy symlinks. */
export async function ociExport(layers: readonly Buffer[], config: unknown): Promise<Buffer> {
  const items: TarItem[] = [dir('blobs/'), dir('blobs/sha256/')];
  const paths: string[] = [];
  layers.forEach((l, i) => {
    const hex = String(i).repeat(64);
    items.push({ name: `blobs/sha256/${hex}`, body: i % 2 ? gzipSync(l) : l });
    paths.push(`blobs/sha256/${hex}`);
  });
  const cfgHex = 'c'.repeat(64);
  items.push(file(`blobs/sha256/${cfgHex}`, JSON.stringify(config)));
  items.push(file(`blobs/sha256/${'d'.repeat(64)}`, JSON.stringify({ schemaVersion: 2, layers: [] })));
  items.push(file('index.json', JSON.stringify({ schemaVersion: 2, manifests: [] })));
  // Old-style paths as symlinks into blobs/, as Docker 25+ writes them.
  items.push(dir('legacy0/'), { name: 'legacy0/layer.tar', type: 'symlink', linkname: `../${paths[0]}` });
  items.push(file('manifest.json', JSON.stringify([{ Config: `blobs/sha256/${cfgHex}`, Layers: ['legacy0/layer.tar', ...paths.slice(1)] }])));
  items.push(file('oci-layout', '{"imageLayoutVersion":"1.0.0"}'));
  return makeTar(items);
}

export const sampleConfig = {
  history: [
    { created: '2026-01-01T00:00:00Z', created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
    { created: '2026-01-01T00:00:01Z', created_by: '/bin/sh -c #(nop)  CMD ["sh"]', empty_layer: true },
    { created: '2026-01-01T00:00:02Z', created_by: '/bin/sh -c echo data > /junk.txt' },
    { created: '2026-01-01T00:00:03Z', created_by: '|1 V=2 /bin/sh -c rm /junk.txt' },
    { created: '2026-01-01T00:00:04Z', created_by: 'RUN /bin/sh -c rm -rf /var/cache/* # buildkit' },
  ],
};
