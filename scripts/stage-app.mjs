// Lays out exactly what the desktop app ships, for electron-builder (`directories.app`): a package.json
// without dependencies (the main process is bundled), the built main process and preload, and the
// built renderer — no source maps, no tests, no node_modules.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.BERTH_OUT_DIR ?? join(root, 'dist');
const app = process.env.BERTH_APP_DIR ?? join(root, 'build', 'app');

const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
await rm(app, { recursive: true, force: true });
await mkdir(join(app, 'dist'), { recursive: true });
const shipped = (src) => !src.endsWith('.map');
await cp(join(dist, 'electron'), join(app, 'dist', 'electron'), { recursive: true, filter: shipped });
await cp(join(dist, 'renderer'), join(app, 'dist', 'renderer'), { recursive: true, filter: shipped });
const { name, version, description, license, author, homepage, type, main } = pkg;
await writeFile(join(app, 'package.json'), `${JSON.stringify({ name, version, description, license, author, homepage, type, main }, null, 2)}\n`);
// The VM guest image ships beside the app (electron-builder extraResources: build/vm-image → vm-image).
const vmImage = process.env.BERTH_VM_IMAGE;
const vmOut = join(root, 'build', 'vm-image');
await rm(vmOut, { recursive: true, force: true });
if (vmImage) {
  await mkdir(vmOut, { recursive: true });
  for (const f of ['vmlinuz', 'initrd.img', 'rootfs.img', 'manifest.json']) await cp(join(vmImage, f), join(vmOut, f));
  console.log(`stage-app: VM image from ${vmImage}`);
} else {
  console.log('stage-app: no VM image staged (set BERTH_VM_IMAGE to the dir `npm run vm:image` printed); the app then looks for one in its cache');
}
console.log(`stage-app: ${app}`);
