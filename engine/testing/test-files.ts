import { createServer } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';

/** A TCP port nothing listens on right now on `host` (the OS picks it); 0.0.0.0 checks every address. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The files of a .tar.gz (its top folder stripped from each name), as text. */
export async function untarGz(bytes: Buffer): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (head, stream, next) => {
      const parts: Buffer[] = [];
      stream.on('data', (d: unknown) => parts.push(d as Buffer));
      stream.on('end', () => {
        files.set(head.name.replace(/^[^/]+\//, ''), Buffer.concat(parts).toString('utf8'));
        next();
      });
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  ex.end(gunzipSync(bytes));
  await done;
  return files;
}
