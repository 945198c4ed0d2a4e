import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineSocket } from './engine-socket.js';
import { generateVmCerts, type VmCerts } from './vm-certs.js';

// A TLS server standing in for the guest's dockerd with --tlsverify: it requires a client certificate
// signed by the VM's CA. The real dockerd is checked by the VM smoke test.
let certs: VmCerts;
let dir: string;
beforeAll(async () => {
  certs = await generateVmCerts();
  dir = mkdtempSync(join(tmpdir(), 'engine-socket-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeDockerd(c: VmCerts) {
  const server = createServer({ key: c.serverKey, cert: c.serverCert, ca: c.caCert, requestCert: true, rejectUnauthorized: true }, (s) => {
    s.once('data', () => s.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nApi-Version: 1.51\r\n\r\nOK'));
  });
  return new Promise<{ port: number; close: () => void }>((r) =>
    server.listen(0, '127.0.0.1', () => r({ port: (server.address() as AddressInfo).port, close: () => server.close() })),
  );
}

const ping = (socketPath: string) =>
  new Promise<string>((resolve, reject) => {
    request({ socketPath, path: '/_ping' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d)).on('end', () => resolve(`${res.statusCode} ${body}`));
    })
      .on('error', reject)
      .end();
  });

describe('EngineSocket', () => {
  it('pipes HTTP on the unix socket over mutual TLS to the forwarded port', async () => {
    const dockerd = await fakeDockerd(certs);
    const sock = new EngineSocket(join(dir, 'docker.sock'));
    await sock.listen();
    sock.setTarget(dockerd.port, certs);
    expect(sock.dockerHost).toBe(`unix://${join(dir, 'docker.sock')}`);
    expect(await ping(join(dir, 'docker.sock'))).toBe('200 OK');
    await sock.close();
    dockerd.close();
  });

  it('a client key from another VM is refused by the server', async () => {
    const dockerd = await fakeDockerd(certs);
    const other = await generateVmCerts();
    const sock = new EngineSocket(join(dir, 'other.sock'));
    await sock.listen();
    sock.setTarget(dockerd.port, { ...certs, clientCert: other.clientCert, clientKey: other.clientKey });
    await expect(ping(join(dir, 'other.sock'))).rejects.toThrow();
    await sock.close();
    dockerd.close();
  });
});
