import { describe, expect, it } from 'vitest';
import { guestAddress, normalizeMac, parseDhcpdLeases } from './vfkit-network.js';

// The layout macOS's bootpd writes (tab-indented blocks, octets without leading zeros, lease in hex).
const leases = `{
\tname=berth
\tip_address=192.168.64.3
\thw_address=1,5a:42:1:2:3:4
\tidentifier=1,5a:42:1:2:3:4
\tlease=0x6560a1b2
}
{
\tname=other
\tip_address=192.168.64.2
\thw_address=1,52:54:0:aa:bb:cc
\tidentifier=1,52:54:0:aa:bb:cc
\tlease=0x6560a000
}
{
\tname=berth
\tip_address=192.168.64.7
\thw_address=1,5a:42:1:2:3:4
\tidentifier=1,5a:42:1:2:3:4
\tlease=0x6560b000
}
`;

describe('vfkit NAT address from the DHCP leases', () => {
  it('parses every lease with a normalized MAC', () => {
    const l = parseDhcpdLeases(leases);
    expect(l).toHaveLength(3);
    expect(l[0]).toEqual({ name: 'berth', ip: '192.168.64.3', mac: '5a:42:01:02:03:04', expires: 0x6560a1b2 });
  });

  it('the newest lease for our MAC wins; unknown MAC → undefined', () => {
    expect(guestAddress(leases, '5a:42:01:02:03:04')).toBe('192.168.64.7');
    expect(guestAddress(leases, '5A:42:1:2:3:4')).toBe('192.168.64.7');
    expect(guestAddress(leases, '5a:42:ff:ff:ff:ff')).toBeUndefined();
    expect(guestAddress('', '5a:42:01:02:03:04')).toBeUndefined();
  });

  it('normalizeMac pads octets', () => {
    expect(normalizeMac('52:54:0:A:b:c')).toBe('52:54:00:0a:0b:0c');
  });
});
