import { connect, createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { vfkitPortForwarder } from './vfkit-forwarder.js';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

const lease = (ip: string) => `{\n\tname=berth\n\tip_address=${ip}\n\thw_address=1,5a:42:1:2:3:4\n\tlease=0x1\n}\n`;

function roundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = connect({ host: '127.0.0.1', port }, () => c.end(text));
    let got = '';
    c.on('data', (d) => (got += d.toString()));
    c.on('end', () => resolve(got));
    c.on('error', reject);
  });
}

describe('vfkit port forwarding (the guest played by a loopback echo server)', () => {
  it('connects to the address the DHCP lease gives for our MAC, at the published port', async () => {
    const guest = createServer((c) => c.pipe(c));
    await new Promise<void>((r) => guest.listen(0, '127.0.0.2', r));
    cleanup.push(() => guest.close());
    const guestPort = (guest.address() as AddressInfo).port;
    let leases = lease('127.0.0.2');
    const f = vfkitPortForwarder({ mac: '5a:42:01:02:03:04', readLeases: async () => leases });
    const d = await f.forward({ protocol: 'tcp', hostIp: '127.0.0.1', hostPort: guestPort, guestPort });
    cleanup.push(() => d.dispose());
    expect(await roundTrip(guestPort, 'via nat')).toBe('via nat');
    // No lease for the VM (yet): the connection is closed, nothing hangs.
    leases = '';
    await expect(roundTrip(guestPort, 'x')).resolves.toBe('');
  });
});
