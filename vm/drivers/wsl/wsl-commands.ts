/**
 * Every wsl.exe command the WSL 2 driver runs, from pure functions (golden-tested). wsl.exe answers in
 * UTF-16LE: decode with wsl-output.ts. The engine runs as root in Berth's own distro, imported from the
 * image's rootfs tar; it is not the guest init of the QEMU image (no disks, no PID 1 here).
 */
export interface WslCommand {
  file: 'wsl.exe';
  args: string[];
  /** Bytes to write to stdin (the seed tar), when the command reads any. */
  stdin?: 'seed-tar';
}

export interface WslEngineOptions {
  /** dockerd's TLS port on the distro's 127.0.0.1 (WSL 2 forwards it to Windows' 127.0.0.1). */
  port: number;
}

const wsl = (args: string[], stdin?: WslCommand['stdin']): WslCommand => (stdin ? { file: 'wsl.exe', args, stdin } : { file: 'wsl.exe', args });

/** Fails on the inbox (pre-Store) WSL, which lacks --version: that one is too old (no --import of tar.gz). */
export const wslVersion = () => wsl(['--version']);
export const wslListNames = () => wsl(['--list', '--quiet']);
export const wslListRunning = () => wsl(['--list', '--running', '--quiet']);

/** Imports the rootfs tar as the distro, always as WSL 2 (the tar may be gzipped; WSL reads both). */
export function wslImport(name: string, installDir: string, rootfsTar: string): WslCommand {
  checkName(name);
  return wsl(['--import', name, installDir, rootfsTar, '--version', '2']);
}

/** Deletes the distro and its disk (ext4.vhdx): every image, container and volume. Ask first. */
export const wslUnregister = (name: string) => wsl(['--unregister', checkName(name)]);
/** Ends every process in the distro at once (after the clean stop, or when it timed out). */
export const wslTerminate = (name: string) => wsl(['--terminate', checkName(name)]);

/** Runs argv as root in the distro, without a shell in between (`--exec`). */
export function wslExec(name: string, argv: string[], stdin?: WslCommand['stdin']): WslCommand {
  if (argv.length === 0) throw new Error('wslExec needs a command to run.');
  return wsl(['--distribution', checkName(name), '--user', 'root', '--exec', ...argv], stdin);
}

/** Unpacks the seed tar (TLS material) from stdin into /run/berth, readable by root only. */
export const wslWriteSeed = (name: string) => wslExec(name, ['/bin/sh', '-c', 'umask 077 && mkdir -p /run/berth && tar -xf - -C /run/berth'], 'seed-tar');

/**
 * Starts containerd and dockerd; the wsl.exe process lives as long as dockerd, which keeps the distro
 * running (WSL stops an idle one). dockerd listens on its unix socket inside and on 127.0.0.1:port with
 * mutual TLS; the host's named pipe relays to that port (engine-socket), never an open TCP engine.
 */
export function wslStartEngine(name: string, opts: WslEngineOptions): WslCommand {
  if (!Number.isInteger(opts.port) || opts.port < 1024 || opts.port > 65535) throw new Error(`The engine port must be 1024-65535 (got ${opts.port}).`);
  const script = [
    'set -e',
    'mkdir -p /run/berth /var/lib/docker /var/lib/containerd',
    'containerd --config /etc/containerd/config.toml >/run/berth/containerd.log 2>&1 &',
    'i=0; while [ ! -S /run/containerd/containerd.sock ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done',
    'echo "berth-stage containerd $(cut -d" " -f1 /proc/uptime)"',
    [
      'exec dockerd --containerd=/run/containerd/containerd.sock --pidfile=/run/berth/dockerd.pid',
      `-H unix:///run/docker.sock -H tcp://127.0.0.1:${opts.port} --tlsverify`,
      '--tlscacert=/run/berth/ca.pem --tlscert=/run/berth/server-cert.pem --tlskey=/run/berth/server-key.pem',
    ].join(' '),
  ].join('\n');
  return wslExec(name, ['/bin/sh', '-c', script]);
}

/** Asks dockerd to stop (it stops the containers), then waits up to `timeoutS` for it to go. */
export function wslStopEngine(name: string, timeoutS = 20): WslCommand {
  const script = `p=$(cat /run/berth/dockerd.pid 2>/dev/null) || exit 0; kill -TERM "$p" 2>/dev/null || exit 0; i=0; while kill -0 "$p" 2>/dev/null && [ $i -lt ${timeoutS * 10} ]; do sleep 0.1; i=$((i + 1)); done`;
  return wslExec(name, ['/bin/sh', '-c', script]);
}

/** The distro's address on WSL's virtual network (NAT mode), for forwards the localhost relay does not do (UDP). */
export const wslGuestAddress = (name: string) => wslExec(name, ['/bin/sh', '-c', "ip -4 -o addr show eth0 | awk '{print $4}' | cut -d/ -f1"]);

/** The host's named pipe for the engine, as DOCKER_HOST and as a path for net.Server. */
export function wslPipe(name: string): { path: string; dockerHost: string } {
  checkName(name);
  return { path: `\\\\.\\pipe\\berth-docker-${name}`, dockerHost: `npipe:////./pipe/berth-docker-${name}` };
}

/** WSL distro names: letters, digits, dot, dash, underscore (wsl.exe refuses the rest with a vague error). */
function checkName(name: string): string {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) throw new Error(`"${name}" cannot be a WSL distribution name: use letters, digits, ".", "-" or "_".`);
  return name;
}
