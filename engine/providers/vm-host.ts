import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { VmView } from '../../contract/model.js';
import type { VmResources, VmShare, VmStatus } from '../../vm/driver.js';
import { QemuDriver } from '../../vm/drivers/qemu/qemu-driver.js';
import { findImage, imageCacheDir } from '../../vm/image/image-key.js';
import { VmManager } from '../../vm/vm-manager.js';
import { BERTH_VM_NAME } from '../../vm/vm-files.js';
import type { VmEngineHost, VmStartStep } from './vm-provider.js';

const DEFAULT = { cpus: 2, memoryMiB: 2048, diskGiB: 64 };

/**
 * Where the guest image is: $BERTH_VM_IMAGE, the packaged app's resources (electron-builder
 * extraResources `vm-image`), else the cache `npm run vm:image` builds into.
 */
export function vmImageDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.BERTH_VM_IMAGE) return env.BERTH_VM_IMAGE;
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources && existsSync(join(resources, 'vm-image', 'manifest.json'))) return join(resources, 'vm-image');
  return findImage(process.arch === 'arm64' ? 'arm64' : 'amd64');
}

/** What the user set for the VM (Settings › Virtual machine); applied at each start. */
export interface VmWanted {
  resources: VmResources;
  shares: VmShare[];
}

/** Berth's VM for one data dir: the QEMU driver under the VM manager, seen as the back end needs it. */
export function nodeVmHost(dataDir: string, log: (line: string) => void, wanted: () => VmWanted = () => ({ resources: DEFAULT, shares: [] })): VmEngineHost {
  const imageDir = vmImageDir();
  const driver = new QemuDriver({ dataDir, imageDir: imageDir ?? join(imageCacheDir(), 'missing'), log });
  const manager = new VmManager({
    driver,
    config: () => ({ name: BERTH_VM_NAME, ...wanted(), imagePath: imageDir ?? '' }),
    lockPath: join(dataDir, 'vm', 'berth.lock'),
    log,
  });
  let last: VmStatus = { state: 'absent' };
  const exitListeners: ((message: string, tail: string[]) => void)[] = [];
  let expectingExit = false;
  manager.onStatus((s) => {
    const wasUp = last.state === 'running';
    last = s;
    if (wasUp && s.state === 'error' && !expectingExit) for (const l of exitListeners) l(s.message ?? 'QEMU exited', s.logTail ?? []);
  });

  const view = (): VmView => ({
    state: last.state === 'suspended' ? 'stopped' : last.state,
    driver: 'qemu',
    cpus: last.resources?.cpus ?? DEFAULT.cpus,
    memoryMiB: last.resources?.memoryMiB ?? DEFAULT.memoryMiB,
    diskGiB: last.resources?.diskGiB ?? DEFAULT.diskGiB,
    ...(last.accel ? { accel: last.accel } : {}),
    ...(last.warning ? { warning: last.warning } : {}),
    ...(last.logTail?.length ? { consoleTail: last.logTail.slice(-30) } : {}),
    ...(last.state === 'running' ? { shares: last.shares ?? [], shareFs: '9p' as const } : {}),
  });
  const quietly = async (what: () => Promise<void>) => {
    expectingExit = true;
    try {
      await what();
    } finally {
      expectingExit = false;
    }
  };

  return {
    async available() {
      if (!imageDir) {
        return {
          ok: false,
          message: 'The VM image is not built yet',
          remedy: 'Build it once with `npm run vm:image` (as root on Debian or Ubuntu; a few minutes), then start Berth again.',
        };
      }
      return driver.available();
    },
    async start(onProgress, signal) {
      // The settings apply at this start (a running VM that is taken over keeps what it booted with).
      if (manager.currentState !== 'absent') {
        const want = wanted();
        await driver.setResources(want.resources).catch((err: Error) => log(`vm: resources not applied: ${err.message}`));
        await driver.setShares(want.shares);
      }
      const steps: VmStartStep[] = [];
      const sub = manager.onProgress((p) => {
        if (p.action !== 'start' && p.action !== 'create') return;
        if (steps.at(-1)?.label !== p.step) {
          const now = Date.now();
          const prev = steps.at(-1);
          if (prev) Object.assign(prev, { state: 'done', endedAt: now });
          steps.push({ label: p.step, state: 'active', startedAt: now });
        }
        onProgress(steps.map((s) => ({ ...s })), view());
      });
      try {
        const result = await manager.start(signal);
        const prev = steps.at(-1);
        if (prev) Object.assign(prev, { state: 'done', endedAt: Date.now() });
        onProgress(steps, view());
        log(`vm: ${result.resumed ? 'resumed' : 'booted'} in ${result.totalMs} ms (${result.stages.map((s) => `${s.name} ${s.hostMs}`).join(', ')})`);
        return result.dockerHost;
      } catch (err) {
        const prev = steps.at(-1);
        if (prev) prev.state = 'failed';
        onProgress(steps, view());
        throw err;
      } finally {
        sub.dispose();
      }
    },
    shutdown: () => quietly(() => manager.quit()),
    stop: () => quietly(() => manager.stop()),
    delete: () =>
      quietly(async () => {
        if (manager.currentState === 'running' || manager.currentState === 'suspended') await manager.stop();
        if (manager.currentState !== 'absent') await manager.delete();
      }),
    view,
    onExit(listener) {
      exitListeners.push(listener);
    },
    forwardPort: (spec) => driver.forwardPort(spec),
    shares: () => (last.state === 'running' ? (last.shares ?? []) : wanted().shares),
  };
}
