import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** Where the embedded dockerd keeps its files. */
export interface EmbeddedPaths {
  /** <dataDir>/engine */
  dir: string;
  /** The API socket: <dataDir>/engine/docker.sock, or inside execRoot when that path is too long. */
  socketPath: string;
  /** unix://<socketPath> */
  host: string;
  /** --data-root: images, containers, volumes. */
  dataRoot: string;
  /** --exec-root: runtime state and containerd's sockets; kept short (see below). */
  execRoot: string;
  pidFile: string;
  logFile: string;
  /** --config-file: an (initially empty) daemon.json of its own, so /etc/docker/daemon.json does not apply. */
  configFile: string;
}

/** sun_path is 108 bytes including the final NUL. */
export const UNIX_SOCKET_MAX = 107;
/**
 * dockerd makes sockets under its exec root; the longest is libnetwork's external-key socket,
 * <execRoot>/libnetwork/<64 hex>.sock: 81 bytes after the root. So the root must stay within 26 bytes.
 */
export const EXEC_ROOT_MAX = UNIX_SOCKET_MAX - '/libnetwork/'.length - 64 - '.sock'.length;

/**
 * Paths for the embedded engine of a data dir. The exec root is `<dataDir>/engine/run` when that is
 * short enough, else `<runDir>/berth-<8 hex of the data dir>` (/run on Linux), so two data dirs never
 * share one.
 */
export function embeddedPaths(dataDir: string, runDir = '/run'): EmbeddedPaths {
  const dir = join(dataDir, 'engine');
  const local = join(dir, 'run');
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 8);
  const execRoot = Buffer.byteLength(local) <= EXEC_ROOT_MAX ? local : join(runDir, `berth-${hash}`);
  const preferred = join(dir, 'docker.sock');
  const socketPath = Buffer.byteLength(preferred) <= UNIX_SOCKET_MAX ? preferred : join(execRoot, 'docker.sock');
  return {
    dir,
    socketPath,
    host: `unix://${socketPath}`,
    dataRoot: join(dir, 'data'),
    execRoot,
    pidFile: join(dir, 'dockerd.pid'),
    logFile: join(dir, 'dockerd.log'),
    configFile: join(dir, 'daemon.json'),
  };
}
