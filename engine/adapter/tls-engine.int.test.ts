import { execFileSync, execSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSpecSchema } from '../../contract/domains/container-run-spec.js';
import { logChunkLines } from '../../contract/models/container-logs.js';
import { discoverEngine } from '../client/discover.js';
import { nodeDiscoverDeps } from '../client/engine-client.js';
import { createEngineConnection, type EngineConnection } from '../client/engine-connection.js';
import { downloadPath } from '../files/download.js';
import { putFile } from '../files/upload-tar.js';
import { createContainerLogsService } from '../services/container-logs-service.js';
import { createContainerRunService } from '../services/container-run-service.js';
import { createContainersService } from '../services/containers-service.js';
import type { ServiceDeps } from '../services/service-deps.js';
import { ctx, TEST_DOCKER_HOST, TEST_IMAGE } from '../testing/int-helpers.js';
import { engineInfo, ping, removeContainer } from './calls.js';
import { createDockerAdapter } from './docker-adapter.js';

// A second dockerd that only answers TLS with client certificates on 127.0.0.1, reached through
// Berth's own path (discovery with DOCKER_TLS_VERIFY → toDockerOptions → createDockerAdapter → services).
// Not --bridge=none: with it dockerd deletes the host's docker0 (see dockerd-supervisor.int.test.ts);
// it gets a bridge of its own, made here and removed after.
const BRIDGE = `brtls-${randomBytes(2).toString('hex')}`;
const dir = mkdtempSync('/tmp/btls-'); // short: dockerd's unix sockets live under the exec root
const certs = join(dir, 'certs');
const client = join(dir, 'client');
let port = 0;
let dockerd: ChildProcess | undefined;
let conn: EngineConnection;
let deps: ServiceDeps;
let container = '';

const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: certs, stdio: 'pipe' });
const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });
const alive = (pid: number | undefined) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const containerdPid = () => {
  const f = join(dir, 'x', 'containerd', 'containerd.pid');
  return existsSync(f) ? Number(readFileSync(f, 'utf8').trim()) : undefined;
};

/** A CA, a server certificate for IP 127.0.0.1 and a client certificate, as `docker` expects them. */
function makeCertificates(): void {
  mkdirSync(certs);
  mkdirSync(client);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=berth-test-ca');
  const sign = (name: string, ext: string) => {
    writeFileSync(join(certs, `${name}.ext`), ext);
    openssl('req', ...ec, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', `${name}-cert.pem`, '-days', '2', '-extfile', `${name}.ext`);
  };
  sign('server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  sign('client', 'extendedKeyUsage=clientAuth\n');
  const copies: [string, string][] = [['ca.pem', 'ca.pem'], ['client-cert.pem', 'cert.pem'], ['client-key.pem', 'key.pem']];
  for (const [from, to] of copies) writeFileSync(join(client, to), readFileSync(join(certs, from)));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/** Stop dockerd (SIGTERM, then SIGKILL after 30 s) and the containerd it started. */
async function stopDockerd(): Promise<void> {
  const d = dockerd;
  dockerd = undefined;
  if (d && d.exitCode === null && d.signalCode === null) {
    const exited = new Promise<void>((r) => d.once('exit', () => r()));
    d.kill('SIGTERM');
    const timer = setTimeout(() => d.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
  const cd = containerdPid();
  if (alive(cd)) process.kill(cd!, 'SIGTERM');
  for (let i = 0; i < 50 && alive(cd); i++) await new Promise((r) => setTimeout(r, 100));
}

beforeAll(async () => {
  makeCertificates();
  ip('link', 'add', BRIDGE, 'type', 'bridge');
  ip('addr', 'add', '10.213.11.1/24', 'dev', BRIDGE);
  ip('link', 'set', BRIDGE, 'up');
  port = await freePort();
  writeFileSync(join(dir, 'daemon.json'), '{}');
  const log = openSync(join(dir, 'dockerd.log'), 'a');
  dockerd = spawn(
    'dockerd',
    [
      '--host', `tcp://127.0.0.1:${port}`,
      '--tlsverify', '--tlscacert', join(certs, 'ca.pem'), '--tlscert', join(certs, 'server-cert.pem'), '--tlskey', join(certs, 'server-key.pem'),
      '--data-root', join(dir, 'data'), '--exec-root', join(dir, 'x'), '--pidfile', join(dir, 'dockerd.pid'), '--config-file', join(dir, 'daemon.json'),
      '--containerd-namespace', 'berth-tls', '--containerd-plugins-namespace', 'berth-tls-plugins',
      `--bridge=${BRIDGE}`, '--iptables=false', '--ip6tables=false',
    ],
    { stdio: ['ignore', log, log] },
  );
  closeSync(log);

  // As a user would: DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, and the engine setting.
  const discover = () => discoverEngine(nodeDiscoverDeps({ ...process.env, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: client }), { dockerHost: `tcp://127.0.0.1:${port}` });
  let found = await discover();
  for (let i = 0; !found.found && i < 60; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    found = await discover();
  }
  if (!found.found) throw new Error(`the TLS dockerd did not answer: ${JSON.stringify(found.attempts)}\n${readFileSync(join(dir, 'dockerd.log'), 'utf8').slice(-2000)}`);
  conn = createEngineConnection(createDockerAdapter(found.options, found.endpoint), false);
  deps = { connections: { require: () => conn }, dataDir: dir, log: () => undefined };
  // The test image, from the test engine into this one.
  const tls = `--tlsverify --tlscacert ${client}/ca.pem --tlscert ${client}/cert.pem --tlskey ${client}/key.pem -H tcp://127.0.0.1:${port}`;
  execSync(`docker -H ${TEST_DOCKER_HOST} save ${TEST_IMAGE} | docker ${tls} load -q`, { stdio: 'pipe', timeout: 120_000 });
}, 180_000);

afterAll(async () => {
  await stopDockerd();
  try {
    ip('link', 'del', BRIDGE);
  } catch {
    // Already gone.
  }
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('a TLS engine (--tlsverify on 127.0.0.1) through the adapter', () => {
  it('is reached over TLS, and refuses a client without a certificate', async () => {
    expect(conn.engine.transport).toBe('tls');
    expect(conn.endpoint.host).toBe(`tcp://127.0.0.1:${port}`);
    expect(await engineInfo<{ ServerVersion?: string }>(conn.engine)).toMatchObject({ ServerVersion: expect.any(String) });
    const anonymous = createDockerAdapter({ protocol: 'https', host: '127.0.0.1', port, ca: readFileSync(join(client, 'ca.pem')) }, conn.endpoint);
    await expect(ping(anonymous, AbortSignal.timeout(5000))).rejects.toThrow();
    const plain = createDockerAdapter({ protocol: 'http', host: '127.0.0.1', port }, conn.endpoint);
    await expect(ping(plain, AbortSignal.timeout(5000))).rejects.toThrow();
  });

  it('runs a container, lists it, and reads its logs', async () => {
    const name = `berth-tls-${randomBytes(3).toString('hex')}`;
    const spec = runSpecSchema.parse({ image: TEST_IMAGE, name, command: ['sh', '-c', 'for i in 1 2 3; do echo tls-line-$i; done; echo oops >&2; sleep 300'] });
    const result = await createContainerRunService(deps).run(spec, ctx());
    container = result.id;
    const list = await createContainersService(deps.connections).list({ all: true }, ctx());
    expect(list.find((c) => c.id === container)).toMatchObject({ name, state: 'running' });

    const logs = createContainerLogsService(deps);
    const lines: string[] = [];
    for (let attempt = 0; attempt < 20 && lines.length < 4; attempt++) {
      lines.length = 0;
      const it = logs.logs({ id: container, follow: false, timestamps: false, tail: 'all', stdout: true, stderr: true }, ctx());
      // A chunk of 0 lines only says the log is open.
      for await (const chunk of it) if (chunk.count) lines.push(...logChunkLines(chunk).map((t) => `${chunk.stream}:${t}`));
      if (lines.length < 4) await new Promise((r) => setTimeout(r, 250));
    }
    // The engine's own order between stdout and stderr is not guaranteed (`docker logs` shows either).
    expect(lines.filter((l) => l.startsWith('stdout:'))).toEqual(['stdout:tls-line-1', 'stdout:tls-line-2', 'stdout:tls-line-3']);
    expect(lines.filter((l) => l.startsWith('stderr:'))).toEqual(['stderr:oops']);
  });

  it('copies a file in and out through the archive endpoints', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    await putFile({ engine: conn.engine, id: container, dir: '/tmp', name: 'in.bin', size: bytes.length, body: (async function* () { yield bytes; })() });
    const ctl = new AbortController();
    const got = await downloadPath({ engine: conn.engine, id: container, path: '/tmp/in.bin', signal: ctl.signal });
    expect(got.head).toMatchObject({ fileName: 'in.bin', kind: 'file', size: bytes.length });
    const parts: Uint8Array[] = [];
    for await (const p of got.body) parts.push(p);
    ctl.abort();
    expect(Buffer.concat(parts).equals(bytes)).toBe(true);
  });

  it('stops cleanly and leaves no process behind', async () => {
    await removeContainer(conn.engine, container, { force: true });
    conn.engine.dispose();
    const pid = dockerd?.pid;
    const cd = containerdPid();
    expect(alive(pid)).toBe(true);
    await stopDockerd();
    expect(alive(pid)).toBe(false);
    expect(alive(cd)).toBe(false);
    // pgrep exits 1 when nothing matches.
    const left = (() => {
      try {
        return execFileSync('pgrep', ['-af', dir], { encoding: 'utf8' }).trim();
      } catch {
        return '';
      }
    })();
    expect(left).toBe('');
  }, 60_000);
});
