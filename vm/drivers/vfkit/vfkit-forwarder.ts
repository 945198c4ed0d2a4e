import { readFile } from 'node:fs/promises';
import type { PortForwarder } from '../../ports/port-forwarder.js';
import { UserspaceForwarder } from '../../ports/userspace-forwarder.js';
import { DHCPD_LEASES, guestAddress } from './vfkit-network.js';

export interface VfkitForwarderOptions {
  /** The VM's fixed MAC (vfkit-args `vmMac`). */
  mac: string;
  /** Reads /var/db/dhcpd_leases (injected in tests). */
  readLeases?: () => Promise<string>;
}

/**
 * Published ports for vfkit: host 127.0.0.1/::1 → the guest's NAT address, same port (see vfkit-network.ts
 * for why not gvproxy). The address is looked up per connection, so a new lease after a reboot is followed.
 */
export function vfkitPortForwarder(opts: VfkitForwarderOptions): PortForwarder {
  const read = opts.readLeases ?? (() => readFile(DHCPD_LEASES, 'utf8'));
  return new UserspaceForwarder({
    target: async (spec) => {
      const ip = guestAddress(await read(), opts.mac);
      if (!ip) throw new Error(`The VM (MAC ${opts.mac}) has no address in ${DHCPD_LEASES} yet.`);
      return { host: ip, port: spec.guestPort };
    },
  });
}
