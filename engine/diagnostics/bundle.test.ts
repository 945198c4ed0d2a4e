import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { untarGz } from '../testing/test-files.js';
import type { EngineAdapter } from '../adapter/engine-adapter.js';
import type { ConnectionProvider, EngineConnection } from '../client/engine-connection.js';
import { SettingsStore } from '../settings/settings-store.js';
import { buildDiagnosticsBundle } from './bundle.js';
import { ErrorRing } from './error-ring.js';

const browserToken = 'browser-token-9f2c71ad';
const registryPassword = 'reg-pass-4417';
const dbPassword = 'db-hunter22';
const longEnvValue = 'k8Xq2Lm9Pz4Rt7Wv';


/** An engine answering /info, /version, the container list and one inspect, as dockerd would. */
function fakeConnections(env: string[]): ConnectionProvider {
  const answers: Record<string, unknown> = {
    '/info': { OperatingSystem: 'linux', Plugins: { Authorization: null, Volume: ['local'] }, RegistryConfig: { Mirrors: [] }, Debug: false, Containers: 1 },
    '/version': { ApiVersion: '1.45', Os: 'linux' },
    '/containers/json': [{ Id: 'abc123def4567890', Names: ['/fx5-web'], Image: 'busybox', State: 'running', Status: 'Up 1 minute' }],
    '/containers/abc123def4567890/json': { Id: 'abc123def4567890', Config: { Env: env } },
  };
  const engine = { json: async ({ path }: { path: string }) => answers[path] } as unknown as EngineAdapter;
  const conn = { endpoint: { kind: 'unix', address: '/var/run/docker.sock' }, engine, managed: false } as unknown as EngineConnection;
  return { require: () => conn };
}

async function bundle(envOf: (dataDir: string) => string[]) {
  const root = mkdtempSync(join(tmpdir(), 'berth-bundle-'));
  const dataDir = join(root, 'data');
  const env = envOf(dataDir);
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  writeFileSync(join(dataDir, 'logs', 'berth.log'), `engine running on linux, transfer true\nleaked ${browserToken} ${registryPassword} ${dbPassword} ${longEnvValue}\n"Authorization": null\n`);
  writeFileSync(join(root, 'config.json'), JSON.stringify({ auths: { 'r.local': { auth: Buffer.from(`berth:${registryPassword}`).toString('base64') } } }));
  const settings = new SettingsStore({ file: join(dataDir, 'settings.json'), home: '/home/u', host: () => ({ cpus: 4, memoryBytes: 8 * 1024 ** 3 }) });
  const { bytes } = await buildDiagnosticsBundle({
    dataDir,
    settings,
    errors: new ErrorRing(),
    status: () => ({ state: 'running', managed: false, provider: 'native' }),
    connections: fakeConnections(env),
    versions: { berthVersion: '1.0.0', dockerodeVersion: '4.0.0' },
    secrets: () => [browserToken],
    dockerConfigPath: join(root, 'config.json'),
    now: () => Date.UTC(2026, 0, 2),
  });
  return { files: await untarGz(bytes), dataDir };
}

describe('buildDiagnosticsBundle', () => {
  it('writes JSON files that all parse, with ordinary values kept though containers hold them as env values', async () => {
    const { files, dataDir } = await bundle((dir) => ['A=true', 'B=running', 'C=linux', `D=${dir}`, 'E=1', 'PATH=/usr/bin:/bin']);
    const jsonFiles = [...files.keys()].filter((n) => n.endsWith('.json'));
    expect(jsonFiles).toEqual(expect.arrayContaining(['berth.json', 'engine/status.json', 'engine/info.json', 'engine/containers.json']));
    for (const n of jsonFiles) expect(() => JSON.parse(files.get(n)!), n).not.toThrow();

    expect(JSON.parse(files.get('engine/status.json')!).state).toBe('running');
    const berth = JSON.parse(files.get('berth.json')!);
    expect(berth.platform).toBe(process.platform);
    expect(berth.dataDir).toBe(dataDir);
    expect(berth.settings).toMatchObject({ startAtLogin: false, logBufferLines: 100_000, vm: { diskGiB: 64, shares: [{ hostPath: '/home/u' }] } });
    const info = JSON.parse(files.get('engine/info.json')!);
    expect(info).toMatchObject({ OperatingSystem: 'linux', Plugins: { Authorization: null, Volume: ['local'] }, Debug: false, Containers: 1 });
    const [c] = JSON.parse(files.get('engine/containers.json')!).containers;
    expect(c).toMatchObject({ state: 'running', image: 'busybox', env: ['A=<redacted>', 'B=<redacted>', 'C=<redacted>', 'D=<redacted>', 'E=<redacted>', 'PATH=<redacted>'] });
    expect(files.get('logs/berth.log')).toContain('engine running on linux, transfer true');
    expect(files.get('logs/berth.log')).toContain('"Authorization": null');
  });

  it('leaves none of the secrets: token, registry credentials, secret-named and random-looking env values', async () => {
    const { files } = await bundle(() => [`DB_PASSWORD=${dbPassword}`, `SEED=${longEnvValue}`, 'MODE=linux']);
    const all = [...files.values()].join('\n');
    const auth = Buffer.from(`berth:${registryPassword}`).toString('base64');
    for (const secret of [browserToken, registryPassword, auth, dbPassword, longEnvValue]) expect(all).not.toContain(secret);
    expect(files.get('logs/berth.log')).toContain('leaked <redacted> <redacted> <redacted> <redacted>');
    for (const n of [...files.keys()].filter((k) => k.endsWith('.json'))) expect(() => JSON.parse(files.get(n)!), n).not.toThrow();
  });
});
