// Writes manifest.json for a built guest image: versions of every package and sha256 of every artifact.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [outDir, packagesTsv, modulesList] = process.argv.slice(2);
const sha256 = (path) =>
  new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path).on('data', (d) => h.update(d)).on('end', () => resolve(h.digest('hex'))).on('error', reject);
  });
const packages = Object.fromEntries(
  readFileSync(packagesTsv, 'utf8').trim().split('\n').map((l) => l.split('\t')),
);
const artifacts = {};
for (const name of readdirSync(outDir).sort()) {
  artifacts[name] = { sha256: await sha256(join(outDir, name)), bytes: statSync(join(outDir, name)).size };
}
const env = process.env;
const [debootstrapS, packagesS, assemblyS] = (env.BERTH_TIMES ?? '').split(' ').map(Number);
const manifest = {
  recipe: env.BERTH_KEY,
  arch: env.BERTH_ARCH,
  baseSuite: env.BERTH_BASE,
  engineSuite: env.BERTH_ENGINE,
  kernel: env.BERTH_KVER,
  builtAt: new Date().toISOString(),
  buildSeconds: { debootstrap: debootstrapS, packages: packagesS, assembly: assemblyS },
  engine: { dockerd: packages['docker.io'], containerd: packages.containerd, runc: packages.runc },
  modules: readFileSync(modulesList, 'utf8').trim().split('\n'),
  artifacts,
  packages,
};
writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
