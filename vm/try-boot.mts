import { QemuDriver } from './drivers/qemu/qemu-driver.js';
import { findImage } from './image/image-key.js';
const dataDir = '/tmp/vmtry';
const d = new QemuDriver({ dataDir, imageDir: findImage()!, bootTimeoutMs: 400_000, log: (l) => console.log('LOG', l.slice(0, 300)), extraCmdline: process.env.CMDLINE?.split(' ') });
await d.create({ name: 'berth', resources: { cpus: 2, memoryMiB: 2048, diskGiB: 16 }, shares: [], imagePath: '' });
try {
  const r = await d.start((p) => console.log('PROGRESS', p.step, p.elapsedMs));
  console.log(JSON.stringify(r));
  console.log(JSON.stringify(await d.status()).slice(0, 500));
  if (process.env.SUSPEND) { const t = Date.now(); await d.suspend(); console.log('suspended', Date.now() - t); const r2 = await d.start(); console.log(JSON.stringify(r2)); }
  if (!process.env.KEEP) { const t = Date.now(); await d.stop(); console.log('stopped', Date.now() - t); }
  else { console.log('PID', d.pid); await new Promise(() => {}); }
} catch (e) {
  console.log('ERROR', (e as Error).message);
  console.log((await d.status()).logTail?.join('\n'));
  await d.stop({ timeoutMs: 1000 }).catch(() => {});
}
