import { createSocket } from 'node:dgram';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { EngineEndpoint } from '../../contract/model.js';
import { engineInfo, exists as answers, imagePath, listContainers } from '../adapter/calls.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import { toBerthError } from '../errors.js';
import { publishedPorts } from './port-holder.js';
import type { RunCheckDeps } from './run-checks.js';
import type { VmShare } from '../../vm/driver.js';
import { checkBindMount } from '../../vm/shares/shares.js';

/**
 * True when the engine runs on this machine and sees its filesystem and ports: a unix socket or a
 * Windows named pipe. Assumption (documented): a local engine is a native dockerd, or one whose VM
 * shares the host's paths and forwards its ports. tcp:// and ssh:// engines are treated as remote,
 * and the host-path and host-port checks are left to the engine.
 */
export function isLocalEngine(endpoint: Pick<EngineEndpoint, 'host'>): boolean {
  return /^(unix|npipe):\/\//.test(endpoint.host);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `vmShares`: when the engine runs in Berth's VM, the folders it shares. Host paths and ports are then
 * still checked on this machine (forwards bind here, shares are host folders), and a bind mount outside
 * every share is refused before anything is created: the container would see an empty folder.
 */
export function dockerRunCheckDeps(engine: EngineAdapter, endpoint: EngineEndpoint, vmShares?: VmShare[]): RunCheckDeps {
  const host = endpoint.host;
  /** 404 → false, anything else rethrown readable. */
  const exists = (path: string) =>
    answers(engine, path).catch((err: unknown) => {
      throw toBerthError(err, host);
    });
  const deps: RunCheckDeps = {
    async containerNameExists(name) {
      // Not inspect: it would also match an id prefix. The name filter is a regular expression.
      const list = await listContainers(engine, { all: true, filters: { name: [`^/${escapeRegExp(name)}$`] } }).catch((err: unknown) => {
        throw toBerthError(err, host);
      });
      return list.some((c) => c.Names?.includes(`/${name}`));
    },
    imageExists: (reference) => exists(`${imagePath(reference)}/json`),
    networkExists: (name) => exists(`/networks/${encodeURIComponent(name)}`),
    publishedPorts: () =>
      publishedPorts(engine).catch((err: unknown) => {
        throw toBerthError(err, host);
      }),
    async engineCpus() {
      const info = await engineInfo<{ NCPU?: unknown }>(engine).catch(() => ({}) as { NCPU?: unknown });
      return typeof info.NCPU === 'number' ? info.NCPU : 0;
    },
  };
  if (isLocalEngine(endpoint)) {
    deps.local = {
      pathExists: (path) =>
        stat(path).then(
          () => true,
          () => false,
        ),
      portFree,
      ...(vmShares ? { bindMount: (path: string) => checkBindMount(path, vmShares, 'qemu') } : {}),
    };
  }
  return deps;
}

/**
 * Try to bind the port for a moment. Only EADDRINUSE counts as taken: a privileged port (EACCES) or
 * an address this machine lacks (EADDRNOTAVAIL, e.g. an engine in a VM) is left to the engine.
 */
export function portFree(port: number, protocol: string, hostIp?: string): Promise<boolean> {
  const address = hostIp && hostIp !== '' ? hostIp : undefined;
  return new Promise((resolve) => {
    const settle = (err?: NodeJS.ErrnoException) => resolve(err?.code !== 'EADDRINUSE');
    if (protocol === 'udp') {
      const sock = createSocket(address?.includes(':') ? 'udp6' : 'udp4');
      sock.once('error', (err) => {
        sock.close();
        settle(err);
      });
      sock.bind({ port, address, exclusive: true }, () => sock.close(() => settle()));
      return;
    }
    if (protocol !== 'tcp') return resolve(true);
    const server = createServer();
    server.once('error', (err) => settle(err));
    server.listen({ port, host: address, exclusive: true }, () => server.close(() => settle()));
  });
}
