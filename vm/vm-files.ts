import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pack } from 'tar-stream';

/** The name of the VM Berth runs its engine in (its folder under `<dataDir>/vm/`). */
export const BERTH_VM_NAME = 'berth';

/** Paths of one VM's files under Berth's data dir: `<dataDir>/vm/<name>/`. */
export function vmPaths(dataDir: string, name: string) {
  const dir = join(dataDir, 'vm', name);
  return {
    dir,
    dataDisk: join(dir, 'data.img'),
    seedDisk: join(dir, 'seed.tar'),
    certs: join(dir, 'certs.json'),
    config: join(dir, 'config.json'),
    lock: join(dir, 'berth.lock'),
    pidFile: join(dir, 'qemu.pid'),
    qmpSocket: join(dir, 'qmp.sock'),
    guestAgentSocket: join(dir, 'qga.sock'),
    consoleLog: join(dir, 'console.log'),
    qemuLog: join(dir, 'qemu.log'),
    state: join(dir, 'state.bin'),
    stateMeta: join(dir, 'state.json'),
    engineSocket: join(dir, 'docker.sock'),
    /** The running QEMU's engine port and accelerator, for a back end that takes it over. */
    runtime: join(dir, 'runtime.json'),
    /** The accelerator probe's answer for this host boot (drivers/qemu/accel.ts). */
    accelCache: join(dir, 'accel.json'),
  };
}
export type VmPaths = ReturnType<typeof vmPaths>;

const GiB = 1024 ** 3;

/**
 * Creates the sparse raw data disk, or grows it. It never shrinks: the guest grows its filesystem at boot
 * (resize2fs) and cannot give space back that way, so a smaller size is refused.
 */
export function ensureDataDisk(path: string, sizeGiB: number): void {
  if (!Number.isFinite(sizeGiB) || sizeGiB < 1) throw new Error(`The VM disk size must be at least 1 GiB (got ${sizeGiB}).`);
  const want = Math.round(sizeGiB * GiB);
  const have = existsSync(path) ? statSync(path).size : 0;
  if (have > want) {
    throw new Error(`The VM disk cannot shrink: it is ${(have / GiB).toFixed(0)} GiB, ${sizeGiB} GiB was asked. Reset the VM to start over with a smaller disk.`);
  }
  if (have === want) return;
  const fd = openSync(path, existsSync(path) ? 'r+' : 'w');
  try {
    ftruncateSync(fd, want);
  } finally {
    closeSync(fd);
  }
}

/** The seed disk: a plain tar on a raw virtio disk, unpacked by the guest init into /run/berth. */
export async function writeSeedDisk(path: string, files: Record<string, string>): Promise<void> {
  const p = pack();
  for (const [name, content] of Object.entries(files)) p.entry({ name, mode: 0o600 }, content);
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  const tar = Buffer.concat(chunks);
  // A disk is whole sectors; QEMU refuses nothing else, tar is already in 512-byte blocks.
  writeFileSync(path, Buffer.concat([tar, Buffer.alloc((512 - (tar.length % 512)) % 512)]), { mode: 0o600 });
}

/**
 * One Berth per VM: a lock file with our pid. A lock left by a process that is gone is taken over;
 * one held by a live process is refused in plain words.
 */
export function acquireVmLock(path: string): { release(): void } {
  mkdirSync(join(path, '..'), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => (readPid(path) === process.pid ? rmSync(path, { force: true }) : undefined) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readPid(path);
      if (holder !== undefined && holder !== process.pid && alive(holder)) {
        throw new Error(`Another Berth (pid ${holder}) is already using this VM (${join(path, '..')}). Quit it first, or use another data dir.`, { cause: e });
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Cannot lock the VM at ${path}.`);
}

function readPid(path: string): number | undefined {
  try {
    const n = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
