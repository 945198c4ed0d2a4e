import { createSocket } from 'node:dgram';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Disposable } from '../../contract/define.js';
import { UserspaceForwarder } from './userspace-forwarder.js';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

async function tcpEcho(): Promise<number> {
  const s: Server = createServer((c) => c.pipe(c));
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  cleanup.push(() => s.close());
  return (s.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

function tcpRoundTrip(host: string, port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = connect({ host, port }, () => c.end(text));
    let got = '';
    c.on('data', (d) => (got += d.toString()));
    c.on('end', () => resolve(got));
    c.on('error', reject);
  });
}

function keep(d: Disposable): Disposable {
  cleanup.push(() => d.dispose());
  return d;
}

describe('UserspaceForwarder (real sockets on loopback)', () => {
  it('TCP: bytes go to the target and back, half-close included; gone after dispose', async () => {
    const target = await tcpEcho();
    const hostPort = await freePort();
    const f = new UserspaceForwarder({ target: () => ({ host: '127.0.0.1', port: target }) });
    const d = await f.forward({ protocol: 'tcp', hostIp: '127.0.0.1', hostPort, guestPort: 80 });
    expect(await tcpRoundTrip('127.0.0.1', hostPort, 'hello')).toBe('hello');
    d.dispose();
    await expect(tcpRoundTrip('127.0.0.1', hostPort, 'x')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('TCP: a taken host port rejects with EADDRINUSE', async () => {
    const taken = await tcpEcho();
    const f = new UserspaceForwarder({ target: () => ({ host: '127.0.0.1', port: taken }) });
    await expect(f.forward({ protocol: 'tcp', hostIp: '127.0.0.1', hostPort: taken, guestPort: 80 })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('UDP: a datagram reaches the target and the reply comes back to the sender', async () => {
    const echo = createSocket('udp4');
    echo.on('message', (m, from) => echo.send(Buffer.from(`re:${m.toString()}`), from.port, from.address));
    await new Promise<void>((r) => echo.bind(0, '127.0.0.1', r));
    cleanup.push(() => echo.close());
    const hostPort = await freePort();
    const f = new UserspaceForwarder({ target: () => ({ host: '127.0.0.1', port: echo.address().port }) });
    keep(await f.forward({ protocol: 'udp', hostIp: '127.0.0.1', hostPort, guestPort: 53 }));
    const client = createSocket('udp4');
    cleanup.push(() => client.close());
    const reply = new Promise<string>((r) => client.once('message', (m) => r(m.toString())));
    client.send('ping', hostPort, '127.0.0.1');
    expect(await reply).toBe('re:ping');
  });

  it('::1 relay to 127.0.0.1 (how localhost reaches a QEMU forward over IPv6)', async () => {
    const target = await tcpEcho();
    const f = new UserspaceForwarder({ target: () => ({ host: '127.0.0.1', port: target }) });
    // The same port number on ::1 as the IPv4 listener: the IPv6 listener is IPv6-only, so both bind.
    keep(await f.forward({ protocol: 'tcp', hostIp: '::1', hostPort: target, guestPort: target }));
    expect(await tcpRoundTrip('::1', target, 'six')).toBe('six');
  });
});
