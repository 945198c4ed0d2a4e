import { describe, expect, it } from 'vitest';
import { wslExec, wslGuestAddress, wslImport, wslListNames, wslListRunning, wslPipe, wslStartEngine, wslStopEngine, wslTerminate, wslUnregister, wslVersion, wslWriteSeed } from './wsl-commands.js';

const root = ['--distribution', 'berth', '--user', 'root', '--exec'];

describe('wsl.exe commands (golden)', () => {
  it('import, list, terminate, unregister', () => {
    expect(wslImport('berth', 'C:\\Users\\me\\AppData\\Local\\Berth\\wsl', 'C:\\Program Files\\Berth\\resources\\vm\\rootfs.tar.gz')).toEqual({
      file: 'wsl.exe',
      args: ['--import', 'berth', 'C:\\Users\\me\\AppData\\Local\\Berth\\wsl', 'C:\\Program Files\\Berth\\resources\\vm\\rootfs.tar.gz', '--version', '2'],
    });
    expect(wslVersion().args).toEqual(['--version']);
    expect(wslListNames().args).toEqual(['--list', '--quiet']);
    expect(wslListRunning().args).toEqual(['--list', '--running', '--quiet']);
    expect(wslTerminate('berth').args).toEqual(['--terminate', 'berth']);
    expect(wslUnregister('berth').args).toEqual(['--unregister', 'berth']);
  });

  it('exec runs as root without a shell; the seed tar comes on stdin', () => {
    expect(wslExec('berth', ['docker', 'version'])).toEqual({ file: 'wsl.exe', args: [...root, 'docker', 'version'] });
    expect(wslWriteSeed('berth')).toEqual({
      file: 'wsl.exe',
      args: [...root, '/bin/sh', '-c', 'umask 077 && mkdir -p /run/berth && tar -xf - -C /run/berth'],
      stdin: 'seed-tar',
    });
  });

  it('start: containerd, then dockerd on its unix socket and mutual TLS on 127.0.0.1 only', () => {
    const cmd = wslStartEngine('berth', { port: 23750 });
    expect(cmd.args.slice(0, 7)).toEqual([...root, '/bin/sh', '-c']);
    expect(cmd.args[7]).toBe(
      [
        'set -e',
        'mkdir -p /run/berth /var/lib/docker /var/lib/containerd',
        'containerd --config /etc/containerd/config.toml >/run/berth/containerd.log 2>&1 &',
        'i=0; while [ ! -S /run/containerd/containerd.sock ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done',
        'echo "berth-stage containerd $(cut -d" " -f1 /proc/uptime)"',
        'exec dockerd --containerd=/run/containerd/containerd.sock --pidfile=/run/berth/dockerd.pid -H unix:///run/docker.sock -H tcp://127.0.0.1:23750 --tlsverify --tlscacert=/run/berth/ca.pem --tlscert=/run/berth/server-cert.pem --tlskey=/run/berth/server-key.pem',
      ].join('\n'),
    );
    expect(cmd.args[7]).not.toMatch(/0\.0\.0\.0/);
  });

  it('stop waits for dockerd with a bound; guest address', () => {
    expect(wslStopEngine('berth', 5).args[7]).toContain('[ $i -lt 50 ]');
    expect(wslGuestAddress('berth').args.slice(-1)[0]).toMatch(/ip -4 -o addr show eth0/);
  });

  it('the named pipe', () => {
    expect(wslPipe('berth')).toEqual({ path: '\\\\.\\pipe\\berth-docker-berth', dockerHost: 'npipe:////./pipe/berth-docker-berth' });
  });

  it('refuses bad names and ports in words', () => {
    expect(() => wslImport('my distro', 'C:\\x', 'C:\\y')).toThrow('"my distro" cannot be a WSL distribution name: use letters, digits, ".", "-" or "_".');
    expect(() => wslStartEngine('berth', { port: 80 })).toThrow('The engine port must be 1024-65535 (got 80).');
    expect(() => wslExec('berth', [])).toThrow(/needs a command/);
  });
});
