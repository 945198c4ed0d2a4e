import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BerthApi } from '../contract/index.js';
import type { RunningBerth } from '../e2e/support/berth.js';
import { startDownload } from '../renderer/src/features/files/download-transfer.js';
import { uploadFile } from '../renderer/src/features/files/upload-transfer.js';
import { connectNodeClient, engineRunning } from './support/node-client.js';

const run = promisify(execFile);
const docker = async (...args: string[]) => (await run('docker', args, { maxBuffer: 256 * 1024 * 1024 })).stdout.trim();
const mibps = (bytes: number, ms: number) => (bytes / 1024 / 1024 / (ms / 1000)).toFixed(1);

/** The renderer's own transfer code (plain TS: Blob, atob and btoa exist in Node too). */
async function upload(api: BerthApi, id: string, data: Buffer): Promise<void> {
  await uploadFile(api, { id, dir: '/tmp', file: Object.assign(new Blob([new Uint8Array(data)]), { name: 'bench.bin' }) }, () => undefined);
}

function download(api: BerthApi, id: string): Promise<number> {
  return new Promise((resolve, reject) => {
    startDownload(api, { id, path: '/tmp/bench.bin' }, {
      onStart: () => undefined,
      onProgress: () => undefined,
      onDone: (blob) => resolve(blob.size),
      onError: reject,
    });
  });
}

/** Upload and download of a 32 MiB file through the contract (WebSocket), against `docker cp` both ways. */
export async function benchContainerFiles(berth: RunningBerth, image: string): Promise<void> {
  // Chromium has native Uint8Array.fromBase64/toBase64, which the renderer uses; Node 20 has neither
  // (and its atob/btoa are slow JS). Stand in Buffer's codec so the figures measure Berth's path.
  const proto = Uint8Array.prototype as { toBase64?: () => string };
  const ctor = Uint8Array as { fromBase64?: (s: string) => Uint8Array };
  const had = { toBase64: proto.toBase64, fromBase64: ctor.fromBase64 };
  proto.toBase64 = function (this: Uint8Array) {
    return Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString('base64');
  };
  ctor.fromBase64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
  try {
    await measure(berth, image);
  } finally {
    proto.toBase64 = had.toBase64;
    ctor.fromBase64 = had.fromBase64;
  }
}

async function measure(berth: RunningBerth, image: string): Promise<void> {
  const size = 32 * 1024 * 1024;
  const data = randomBytes(size);
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-files-'));
  const local = join(dir, 'bench.bin');
  writeFileSync(local, data);
  const name = `berth-bench-files-${Date.now().toString(36)}`;
  const id = await docker('run', '-d', '--name', name, image, 'sleep', '600');
  const { api, close } = await connectNodeClient(berth.origin, berth.token);
  try {
    await engineRunning(api);
    let t = performance.now();
    await upload(api, id, data);
    const up = performance.now() - t;
    t = performance.now();
    const got = await download(api, id);
    const down = performance.now() - t;
    if (got !== size) throw new Error(`downloaded ${got} bytes, expected ${size}`);
    t = performance.now();
    await docker('cp', local, `${id}:/tmp/cp.bin`);
    const cpUp = performance.now() - t;
    t = performance.now();
    await docker('cp', `${id}:/tmp/cp.bin`, join(dir, 'back.bin'));
    const cpDown = performance.now() - t;
    console.log(`upload 32 MiB: Berth ${up.toFixed(0)} ms (${mibps(size, up)} MiB/s), docker cp ${cpUp.toFixed(0)} ms (${mibps(size, cpUp)} MiB/s); ratio ${(up / cpUp).toFixed(2)}`);
    console.log(`download 32 MiB: Berth ${down.toFixed(0)} ms (${mibps(size, down)} MiB/s), docker cp ${cpDown.toFixed(0)} ms (${mibps(size, cpDown)} MiB/s); ratio ${(down / cpDown).toFixed(2)}`);
  } finally {
    close();
    await docker('rm', '-f', id).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
