import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QemuDriver, type QemuDriverOptions } from '../vm/drivers/qemu/qemu-driver.js';
import type { VmStartResult } from '../vm/driver.js';
import { buildImage, findImage } from '../vm/image/image-key.js';
import { VmManager } from '../vm/vm-manager.js';

/**
 * `npm run bench -- vm-boot`: the engine in the QEMU VM, measured in one run:
 * first boot → `_ping` (a new VM: the guest formats its data disk) with the time of each stage (QEMU up,
 * kernel → initramfs, init, data disk, containerd, dockerd; host seconds since QEMU was spawned, guest
 * uptime in brackets), the idle CPU (% of one core) and RSS of QEMU over 60 s with no containers, then
 * suspend, resume → `_ping`, RSS after the resume, the resume/cold ratio, a clean stop, and a cold
 * start → `_ping` of the now existing VM (what each app start after a stop costs).
 * Goals: cold ≤ 10 s, resume ≤ 2 s, ratio ≤ 0.2, idle ≤ 5 %.
 * BERTH_VM_BENCH_IDLE_S changes the idle window; BERTH_VM_IMAGE_DIR boots that image instead of the
 * recipe's (to compare two builds in one sitting); levers: BERTH_VM_CMDLINE adds kernel words,
 * BERTH_VM_FIRMWARE sets -bios (e.g. /usr/share/qemu/qboot.rom), BERTH_VM_TB_MIB the TCG cache size.
 */
const CLK_TCK = 100;

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
function printStages(label: string, r: VmStartResult): void {
  console.log(`${label} → _ping: ${s(r.totalMs)}`);
  for (const st of r.stages) {
    console.log(`  ${st.name.padEnd(11)} ${s(st.hostMs)}${st.guestUptimeS !== undefined ? `  [guest ${st.guestUptimeS.toFixed(2)} s]` : ''}`);
  }
}

export async function benchVmBoot(): Promise<void> {
  const imageDir = process.env.BERTH_VM_IMAGE_DIR || (findImage() ?? buildImage());
  console.log(`image ${imageDir}, load average ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'berth-vm-bench-'));
  const extra = process.env.BERTH_VM_CMDLINE?.split(' ').filter(Boolean);
  const env = process.env;
  const opts: QemuDriverOptions = {
    dataDir,
    imageDir,
    extraCmdline: extra,
    firmware: env.BERTH_VM_FIRMWARE || undefined,
    tcgTbSizeMiB: env.BERTH_VM_TB_MIB ? Number(env.BERTH_VM_TB_MIB) : undefined,
    log: (l) => l.startsWith('qemu-system') || console.log(`  (${l})`),
  };
  const driver = new QemuDriver(opts);
  const vm = new VmManager({
    driver,
    config: { name: 'berth', resources: { cpus: 2, memoryMiB: 2048, diskGiB: 16 }, shares: [], imagePath: imageDir },
    lockPath: driver.paths.lock,
    dockerConfigDir: null,
  });
  try {
    await vm.create();
    const cold = await vm.start();
    printStages('first boot (formats the data disk)', cold);
    const pid = driver.pid!;
    const idleS = Number(process.env.BERTH_VM_BENCH_IDLE_S ?? 60);
    const t0 = cpuTicks(pid);
    await new Promise((r) => setTimeout(r, idleS * 1000));
    const idlePct = ((cpuTicks(pid) - t0) / CLK_TCK / idleS) * 100;
    console.log(`idle over ${idleS} s: ${idlePct.toFixed(1)} % of a core, RSS ${rssMiB(pid)} MiB (goal ≤ 5 %)`);
    const tSave = Date.now();
    await vm.suspend();
    console.log(`suspend (save state, QEMU gone): ${s(Date.now() - tSave)}`);
    const resumed = await vm.start();
    printStages('resume', resumed);
    console.log(`RSS after resume: ${rssMiB(driver.pid!)} MiB`);
    const tStop = Date.now();
    await vm.stop();
    console.log(`clean stop: ${s(Date.now() - tStop)}`);
    const again = await vm.start();
    printStages('cold start (existing VM)', again);
    console.log(`resume/cold: ${(resumed.totalMs / again.totalMs).toFixed(2)} (goal ≤ 0.2); cold ${s(again.totalMs)} (goal ≤ 10 s), first boot ${s(cold.totalMs)}, resume ${s(resumed.totalMs)} (goal ≤ 2 s)`);
    console.log(`load average ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
    await vm.stop();
  } finally {
    await vm.quit().catch(() => undefined);
    await driver.stop({ timeoutMs: 5000 }).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
