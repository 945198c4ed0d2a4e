import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Disposable } from '../../contract/define.js';
import type { ForwardSpec, PortForwarder } from './port-forwarder.js';

/** Where the bytes for a forward go: the guest's address (vfkit NAT, WSL) or 127.0.0.1 (the ::1 relay). */
export type ForwardTarget = (spec: ForwardSpec) => { host: string; port: number } | Promise<{ host: string; port: number }>;

export interface UserspaceForwarderOptions {
  target: ForwardTarget;
  /** A UDP "connection" (one client address) is dropped after this long without traffic (default 60 s). */
  udpIdleMs?: number;
}

/**
 * A plain TCP/UDP proxy in the Berth process: listens on the host address and pipes to the target.
 * Used for vfkit (target: the guest's NAT address), WSL 2, and as the ::1 relay beside QEMU's IPv4-only
 * hostfwd. An IPv6 listener is IPv6-only, so it never collides with the IPv4 one on the same port.
 * Listening errors (EADDRINUSE, EADDRNOTAVAIL) reject `forward` with their `code` intact.
 */
export class UserspaceForwarder implements PortForwarder {
  constructor(private readonly opts: UserspaceForwarderOptions) {}

  async forward(spec: ForwardSpec): Promise<Disposable> {
    return spec.protocol === 'tcp' ? this.tcp(spec) : this.udp(spec);
  }

  private async tcp(spec: ForwardSpec): Promise<Disposable> {
    const sockets = new Set<Socket>();
    const server: Server = createServer({ allowHalfOpen: true }, (client) => {
      sockets.add(client);
      client.pause();
      void Promise.resolve(this.opts.target(spec)).then(
        ({ host, port }) => {
          const upstream = connect({ host, port, allowHalfOpen: true });
          sockets.add(upstream);
          const drop = () => {
            client.destroy();
            upstream.destroy();
            sockets.delete(client);
            sockets.delete(upstream);
          };
          client.on('error', drop).on('close', drop);
          upstream.on('error', drop).on('close', drop);
          client.pipe(upstream);
          upstream.pipe(client);
          client.resume();
        },
        () => client.destroy(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: spec.hostIp, port: spec.hostPort, ipv6Only: spec.hostIp.includes(':'), exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return {
      dispose: () => {
        server.close();
        for (const s of sockets) s.destroy();
      },
    };
  }

  private async udp(spec: ForwardSpec): Promise<Disposable> {
    const v6 = spec.hostIp.includes(':');
    const server = createSocket({ type: v6 ? 'udp6' : 'udp4', ipv6Only: v6 });
    const idleMs = this.opts.udpIdleMs ?? 60_000;
    // One upstream socket per client address, so replies find their way back.
    const flows = new Map<string, { socket: UdpSocket; timer: NodeJS.Timeout }>();
    const closeFlow = (key: string) => {
      const f = flows.get(key);
      if (!f) return;
      clearTimeout(f.timer);
      f.socket.close();
      flows.delete(key);
    };
    server.on('message', (msg, from) => {
      const key = `${from.address}|${from.port}`;
      void Promise.resolve(this.opts.target(spec)).then(({ host, port }) => {
        let f = flows.get(key);
        if (!f) {
          const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
          socket.on('message', (reply) => {
            server.send(reply, from.port, from.address);
            const g = flows.get(key);
            if (g) g.timer.refresh();
          });
          socket.on('error', () => closeFlow(key));
          f = { socket, timer: setTimeout(() => closeFlow(key), idleMs) };
          flows.set(key, f);
        }
        f.timer.refresh();
        f.socket.send(msg, port, host);
      }, () => undefined);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.bind({ address: spec.hostIp, port: spec.hostPort, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return {
      dispose: () => {
        for (const key of [...flows.keys()]) closeFlow(key);
        server.close();
      },
    };
  }
}
