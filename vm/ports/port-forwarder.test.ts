import { describe, expect, it } from 'vitest';
import { isAddressMissing, isPortTaken, vmDriverForwarder } from './port-forwarder.js';

describe('forward errors', () => {
  it('a taken port, from the userspace proxy and from QEMU (message measured with QEMU 7.2 on a held port)', () => {
    expect(isPortTaken(Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8080'), { code: 'EADDRINUSE' }))).toBe(true);
    expect(isPortTaken(new Error("Cannot forward 127.0.0.1:8080: Could not set up host forwarding rule 'tcp:127.0.0.1:8080-:8080' (is the port taken?)"))).toBe(true);
    expect(isPortTaken(new Error('The VM is not running.'))).toBe(false);
    expect(isPortTaken(undefined)).toBe(false);
  });

  it('a missing address family is told apart', () => {
    expect(isAddressMissing(Object.assign(new Error('listen EADDRNOTAVAIL ::1'), { code: 'EADDRNOTAVAIL' }))).toBe(true);
    expect(isAddressMissing(Object.assign(new Error('x'), { code: 'EADDRINUSE' }))).toBe(false);
  });

  it('a driver forwards with its own forwardPort', async () => {
    const seen: unknown[] = [];
    const f = vmDriverForwarder({ forwardPort: async (spec) => (seen.push(spec), { dispose: () => undefined }) });
    await f.forward({ protocol: 'udp', hostIp: '127.0.0.1', hostPort: 53, guestPort: 53 });
    expect(seen).toEqual([{ protocol: 'udp', hostIp: '127.0.0.1', hostPort: 53, guestPort: 53 }]);
  });
});
