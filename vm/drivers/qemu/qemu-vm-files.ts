import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { VmConfig, VmResources, VmShare } from '../../driver.js';
import { generateVmCerts, type VmCerts } from '../../engine-socket/vm-certs.js';
import { shareMountTable } from '../../shares/share-mounts.js';
import { ensureDataDisk, writeSeedDisk, type VmPaths } from '../../vm-files.js';

/**
 * The QEMU VM's own files in its dir (vm-files.ts names them): its config (resources and shared
 * folders), its engine certificates, the data disk's size and the seed disk the guest init unpacks.
 * What a running QEMU leaves there (sockets, logs, pidfile, saved state) is the driver's business.
 */
export class QemuVmFiles {
  constructor(
    private readonly paths: VmPaths,
    private readonly log?: (line: string) => void,
  ) {}

  /** Makes the VM's dir, data disk, config, certificates (kept if there) and seed disk. */
  async create(config: VmConfig): Promise<void> {
    mkdirSync(this.paths.dir, { recursive: true, mode: 0o700 });
    ensureDataDisk(this.paths.dataDisk, config.resources.diskGiB);
    writeFileSync(this.paths.config, JSON.stringify(config, null, 2));
    if (!existsSync(this.paths.certs)) writeFileSync(this.paths.certs, JSON.stringify(await generateVmCerts()), { mode: 0o600 });
    await this.writeSeed();
  }

  exists(): boolean {
    return existsSync(this.paths.config);
  }

  config(): VmConfig {
    if (!this.exists()) throw new Error('The VM does not exist yet: create it first.');
    return JSON.parse(readFileSync(this.paths.config, 'utf8')) as VmConfig;
  }

  certs(): VmCerts {
    return JSON.parse(readFileSync(this.paths.certs, 'utf8')) as VmCerts;
  }

  /**
   * The shares QEMU gets: a folder that no longer exists on the host is left out (QEMU would refuse to
   * start), and logged.
   */
  sharesNow(): VmShare[] {
    const all = this.config().shares ?? [];
    const there = all.filter((sh) => existsSync(sh.hostPath));
    for (const sh of all) if (!there.includes(sh)) this.log?.(`shared folder ${sh.hostPath} does not exist on this computer; not shared`);
    return there;
  }

  /** The seed disk the guest init unpacks: dockerd's TLS material and the shared folders' mount table. */
  async writeSeed(): Promise<void> {
    const certs = this.certs();
    await writeSeedDisk(this.paths.seedDisk, {
      'ca.pem': certs.caCert,
      'server-cert.pem': certs.serverCert,
      'server-key.pem': certs.serverKey,
      'shares.tab': shareMountTable(this.sharesNow(), '9p'),
    });
  }

  /** New resources for the next start; the data disk grows now (it never shrinks: ensureDataDisk refuses). */
  setResources(resources: VmResources): void {
    const config = this.config();
    ensureDataDisk(this.paths.dataDisk, resources.diskGiB);
    writeFileSync(this.paths.config, JSON.stringify({ ...config, resources }, null, 2));
  }

  /** New shared folders for the next start. */
  setShares(shares: VmShare[]): void {
    writeFileSync(this.paths.config, JSON.stringify({ ...this.config(), shares }, null, 2));
  }
}
