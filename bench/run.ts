import { startBerth } from '../e2e/support/berth.js';
import { benchEventLatency } from './event-latency.js';
import { benchListLatency } from './list-latency.js';
import { benchLogsMillion } from './logs-million.js';
import { benchListScale } from './list-scale.js';
import { benchContainerFiles } from './container-files.js';
import { benchContainerFilesUi } from './container-files-ui.js';
import { benchComposeUp } from './compose-up.js';
import { benchPullLayers } from './pull-layers.js';
import { benchVolumes } from './volumes.js';
import { benchVmBoot } from './vm-boot.js';
import { benchFirstRow } from './first-row.js';
import { benchVmPorts } from './vm-ports.js';

/**
 * `npm run bench [-- name…]`: runs against browser mode (dist/) and the engine at DOCKER_HOST, and
 * prints figures and ratios measured in this one run. Names: events (event → screen latency), list
 * (containers.list vs raw), vm-boot (the engine in the QEMU VM: cold start, resume, idle; vm/), logs (1,000,000 log lines), list-scale (1,000 containers; idle CPU with 50
 * running), pull-layers (pull of a 25-layer image vs docker pull), files (copy in and out vs docker cp),
 * files-ui (the same copies through the Files tab in Chromium: upload and download buttons vs docker cp),
 * compose-up (a 10-service up vs docker-compose up -d), volumes (export/import of 256 MiB vs docker run
 * tar; the Volumes page with 1,000 volumes), first-row (a fresh window: navigation → first container row),
 * vm-ports (the VM: start event → published port answering on the host, 20 containers).
 * Default: all.
 */
const image = process.env.BERTH_TEST_IMAGE ?? 'berth-test/busybox:latest';
const benches: Record<string, (b: Awaited<ReturnType<typeof startBerth>>) => Promise<unknown>> = {
  events: (b) => benchEventLatency(b, image),
  list: (b) => benchListLatency(b),
  logs: (b) => benchLogsMillion(b, image),
  'list-scale': (b) => benchListScale(b),
  'pull-layers': (b) => benchPullLayers(b, image),
  files: (b) => benchContainerFiles(b, image),
  'files-ui': (b) => benchContainerFilesUi(b, image),
  volumes: (b) => benchVolumes(b),
  'compose-up': (b) => benchComposeUp(b, image),
  'vm-boot': () => benchVmBoot(),
  'first-row': (b) => benchFirstRow(b),
  'vm-ports': () => benchVmPorts(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in benches));
if (unknown.length) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
const berth = await startBerth(['--no-embedded-engine']);
try {
  for (const [name, run] of Object.entries(benches)) {
    if (wanted.length && !wanted.includes(name)) continue;
    console.log(`== ${name}`);
    await run(berth);
  }
} finally {
  await berth.stop();
}
