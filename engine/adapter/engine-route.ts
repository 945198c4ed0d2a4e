import type { HeldStreamTarget } from './held-stream.js';
import type { EngineOptions, EngineTransport } from './engine-adapter.js';

/** How the adapter reaches one engine: the transport, and where Berth's own raw reader may connect. */
export interface EngineRoute {
  transport: EngineTransport;
  /**
   * Long GETs (logs, stats) on a socket of Berth's own (see held-stream.ts): unix sockets, named pipes
   * and plain TCP. Undefined for TLS and SSH: there every request goes through docker-modem, which
   * holds the TLS context and the SSH agent.
   */
  raw?: { target: HeldStreamTarget; prefix: string };
}

const PIPE = /^\\\\[.?]\\pipe\\/;

/** The one place that chooses the path per transport. */
export function routeFor(options: EngineOptions): EngineRoute {
  const prefix = options.version ? `/v${options.version.replace(/^v/, '')}` : '';
  if (options.socketPath) {
    return { transport: PIPE.test(options.socketPath) ? 'npipe' : 'unix', raw: { target: { socketPath: options.socketPath }, prefix } };
  }
  if (options.protocol === 'ssh') return { transport: 'ssh' };
  if (options.protocol === 'https') return { transport: 'tls' };
  if (!options.host) throw new Error('Engine options name neither a socket nor a host');
  return { transport: 'tcp', raw: { target: { host: options.host, port: options.port ?? 2375 }, prefix } };
}

/**
 * docker-modem's options. Every connection field is present (even undefined): docker-modem merges its
 * own reading of DOCKER_HOST into the fields that are missing.
 */
export function modemOptions(options: EngineOptions): Record<string, unknown> {
  return {
    socketPath: options.socketPath,
    host: options.socketPath ? undefined : options.host,
    port: options.port,
    protocol: options.socketPath ? undefined : options.protocol,
    ca: options.ca,
    cert: options.cert,
    key: options.key,
    username: options.username,
    sshOptions: options.sshOptions,
    version: options.version ? `v${options.version.replace(/^v/, '')}` : undefined,
  };
}
