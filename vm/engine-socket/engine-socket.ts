import { existsSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { VM_SERVER_NAME, type VmCerts } from './vm-certs.js';

/**
 * The engine's socket on the host: a unix socket under Berth's data dir (mode 0600 via the dir), each
 * connection piped over mutual TLS to the guest's dockerd through QEMU's 127.0.0.1 forward. Nothing on
 * the host talks to the engine without the client key; the TCP port alone is useless.
 */
export class EngineSocket {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private target: { port: number; certs: VmCerts } | undefined;

  constructor(readonly path: string) {}

  get dockerHost(): string {
    return `unix://${this.path}`;
  }

  /** Where connections go (the forwarded port changes at each start). */
  setTarget(port: number, certs: VmCerts): void {
    this.target = { port, certs };
  }

  async listen(): Promise<void> {
    if (this.server) return;
    if (existsSync(this.path)) unlinkSync(this.path);
    // Half-open: `docker run` ends its side (stdin done) and still reads the container's output.
    const server = createServer({ allowHalfOpen: true }, (client) => this.pipe(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
  }

  private pipe(client: Socket): void {
    const target = this.target;
    if (!target) {
      client.destroy();
      return;
    }
    const upstream = tlsConnect({
      host: '127.0.0.1',
      port: target.port,
      servername: VM_SERVER_NAME,
      ca: target.certs.caCert,
      cert: target.certs.clientCert,
      key: target.certs.clientKey,
    });
    this.sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((r) => server.close(() => r()));
    if (existsSync(this.path)) unlinkSync(this.path);
  }
}
