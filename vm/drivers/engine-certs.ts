import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generateVmCerts, type VmCerts } from '../engine-socket/vm-certs.js';
import { writeSeedDisk, type VmPaths } from '../vm-files.js';

/** The VM's engine certificates (certs.json). */
export function readEngineCerts(paths: VmPaths): VmCerts {
  return JSON.parse(readFileSync(paths.certs, 'utf8')) as VmCerts;
}

/** Makes the engine certificates once (kept if there) and writes the seed disk that hands dockerd its TLS files. */
export async function writeEngineSeed(paths: VmPaths): Promise<void> {
  if (!existsSync(paths.certs)) writeFileSync(paths.certs, JSON.stringify(await generateVmCerts()), { mode: 0o600 });
  const c = readEngineCerts(paths);
  await writeSeedDisk(paths.seedDisk, { 'ca.pem': c.caCert, 'server-cert.pem': c.serverCert, 'server-key.pem': c.serverKey });
}
