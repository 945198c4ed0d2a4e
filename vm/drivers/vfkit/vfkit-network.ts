/**
 * Port forwarding for vfkit, decided: our own userspace forwarder (vm/ports/userspace-forwarder.ts) to the
 * guest's address on the NAT network, not gvproxy's expose API. Why:
 * - with `virtio-net,nat` (vmnet shared mode) the Mac already routes to the guest (192.168.64.0/24), so no
 *   user-mode network stack is needed to reach published ports;
 * - gvproxy is another binary to ship, sign and keep alive, and its HTTP expose API is a control surface
 *   that must itself be protected (an advisory was about it listening on 0.0.0.0); ours has no API;
 * - a taken host port shows up as our own bind's EADDRINUSE, attached to the container by the manager;
 * - the same code serves the WSL driver and the ::1 relay beside QEMU, and is tested here on loopback.
 * Known limit: VPN clients that take over 192.168.64.0/24 break host → guest routing (gvproxy would not
 * care). The way out then is a relay over vsock (a guest-side listener), not built yet.
 * The guest's address comes from the NAT DHCP server's leases, found by the VM's fixed MAC.
 */
export interface DhcpLease {
  name?: string;
  ip: string;
  /** Normalized: two hex digits per octet, lower case. */
  mac: string;
  /** Seconds since the epoch when the lease ends. */
  expires: number;
}

export const DHCPD_LEASES = '/var/db/dhcpd_leases';

/** macOS writes octets without leading zeros (`5a:42:1:2:3:4`); pad them back. */
export function normalizeMac(mac: string): string {
  return mac
    .trim()
    .toLowerCase()
    .split(':')
    .map((o) => o.padStart(2, '0'))
    .join(':');
}

/** /var/db/dhcpd_leases: `{ name=… ip_address=… hw_address=1,<mac> lease=0x<hex> }` blocks. */
export function parseDhcpdLeases(text: string): DhcpLease[] {
  const out: DhcpLease[] = [];
  for (const block of text.split('}')) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      const m = /^\s*([a-z_]+)=(.*)$/.exec(line);
      if (m?.[1] && m[2] !== undefined) fields.set(m[1], m[2].trim());
    }
    const ip = fields.get('ip_address');
    const hw = fields.get('hw_address');
    if (!ip || !hw) continue;
    const mac = normalizeMac(hw.replace(/^\d+,/, ''));
    out.push({ name: fields.get('name'), ip, mac, expires: parseInt(fields.get('lease') ?? '0', 16) || 0 });
  }
  return out;
}

/** The guest's address: the newest lease for its MAC, or undefined (not booted far enough yet). */
export function guestAddress(leasesText: string, mac: string): string | undefined {
  const want = normalizeMac(mac);
  return parseDhcpdLeases(leasesText)
    .filter((l) => l.mac === want)
    .sort((a, b) => b.expires - a.expires)[0]?.ip;
}
