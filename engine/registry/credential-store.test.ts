import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialHelper, CredentialsNotFoundError } from './credential-helper.js';
import { RegistryCredentialStore } from './credential-store.js';
import { resolveRegistryAuth } from './credentials.js';
import { encodeAuth } from './docker-config.js';

/** A docker-credential-fake helper speaking the documented protocol, keeping its secrets in store.json beside it. */
const FAKE_HELPER = `#!/usr/bin/env node
const fs = require('fs'); const path = require('path');
const file = path.join(__dirname, 'store.json');
const load = () => { try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return {}; } };
const save = (s) => fs.writeFileSync(file, JSON.stringify(s));
let input = ''; process.stdin.on('data', (c) => (input += c)); process.stdin.on('end', () => {
  const s = load(); const action = process.argv[2];
  fs.appendFileSync(path.join(__dirname, 'calls.log'), action + ' ' + input.replace(/"Secret":"[^"]*"/, '"Secret":"***"') + '\\n');
  if (action === 'store') { const c = JSON.parse(input); s[c.ServerURL] = { Username: c.Username, Secret: c.Secret }; save(s); return; }
  if (action === 'get') { const c = s[input.trim()]; if (!c) { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); }
    process.stdout.write(JSON.stringify({ ServerURL: input.trim(), Username: c.Username, Secret: c.Secret })); return; }
  if (action === 'erase') { if (!s[input.trim()]) { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); } delete s[input.trim()]; save(s); return; }
  if (action === 'list') { const out = {}; for (const k of Object.keys(s)) out[k] = s[k].Username; process.stdout.write(JSON.stringify(out)); return; }
  process.stdout.write('unknown action'); process.exit(1);
});
`;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(config?: object) {
  const bin = mkdtempSync(join(tmpdir(), 'berth-helper-'));
  const cfg = mkdtempSync(join(tmpdir(), 'berth-cfg-'));
  dirs.push(bin, cfg);
  writeFileSync(join(bin, 'docker-credential-fake'), FAKE_HELPER);
  chmodSync(join(bin, 'docker-credential-fake'), 0o755);
  if (config) writeFileSync(join(cfg, 'config.json'), JSON.stringify(config));
  const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, DOCKER_CONFIG: cfg };
  return { bin, cfg, env, config: () => JSON.parse(readFileSync(join(cfg, 'config.json'), 'utf8')) as Record<string, unknown> };
}

describe('credential helper protocol', () => {
  it('stores, gets, lists and erases through docker-credential-<name>', async () => {
    const { env, bin } = setup();
    const helper = new CredentialHelper('fake', env);
    await helper.store({ ServerURL: 'reg.example:5000', Username: 'me', Secret: 's3cret' });
    expect(await helper.get('reg.example:5000')).toEqual({ ServerURL: 'reg.example:5000', Username: 'me', Secret: 's3cret' });
    expect(await helper.list()).toEqual({ 'reg.example:5000': 'me' });
    await helper.erase('reg.example:5000');
    await expect(helper.get('reg.example:5000')).rejects.toBeInstanceOf(CredentialsNotFoundError);
    const calls = readFileSync(join(bin, 'calls.log'), 'utf8').trim().split('\n');
    expect(calls[0]).toBe('store {"ServerURL":"reg.example:5000","Username":"me","Secret":"***"}');
    expect(calls[1]).toBe('get reg.example:5000');
  });

  it('says when the helper is not installed', async () => {
    const { env } = setup();
    await expect(new CredentialHelper('missing-helper', env).get('x')).rejects.toThrow('docker-credential-missing-helper was not found on PATH');
    expect(() => new CredentialHelper('../evil', env)).toThrow('Invalid credential helper name');
  });
});

describe('registry credential store', () => {
  it('reads auths (base64 user:pass and identity tokens) under any Hub spelling', async () => {
    const { env } = setup({
      auths: {
        'https://index.docker.io/v1/': { auth: encodeAuth('hubuser', 'hubpass') },
        'https://reg.example:5000': { auth: encodeAuth('u', 'p') },
        'tok.example': { identitytoken: 'tkn' },
      },
    });
    expect(await resolveRegistryAuth('docker.io', env)).toEqual({ username: 'hubuser', password: 'hubpass', serveraddress: 'https://index.docker.io/v1/' });
    expect(await resolveRegistryAuth('index.docker.io', env)).toMatchObject({ username: 'hubuser' });
    expect(await resolveRegistryAuth('reg.example:5000', env)).toEqual({ username: 'u', password: 'p', serveraddress: 'reg.example:5000' });
    expect(await resolveRegistryAuth('tok.example', env)).toEqual({ identitytoken: 'tkn', serveraddress: 'tok.example' });
    expect(await resolveRegistryAuth('nothing.example', env)).toBeUndefined();
  });

  it('stores in config.json like docker login without a helper, keeping other fields', async () => {
    const { env, config } = setup({ psFormat: 'x', auths: { 'other.example': { auth: 'eDp5' } } });
    const store = new RegistryCredentialStore(env);
    expect((await store.store('docker.io', 'me', 'pw')).kind).toBe('config-file');
    expect(config()).toEqual({ psFormat: 'x', auths: { 'other.example': { auth: 'eDp5' }, 'https://index.docker.io/v1/': { auth: encodeAuth('me', 'pw') } } });
    expect(await store.list()).toEqual([
      expect.objectContaining({ host: 'docker.io', key: 'https://index.docker.io/v1/', username: 'me', location: { kind: 'config-file', path: store.configPath } }),
      expect.objectContaining({ host: 'other.example', username: 'x' }),
    ]);
    expect(await store.erase('https://index.docker.io/v1/')).toBe(true);
    expect(config()).toEqual({ psFormat: 'x', auths: { 'other.example': { auth: 'eDp5' } } });
    expect(await store.erase('docker.io')).toBe(false);
  });

  it('stores through credsStore, keeping only an empty marker in auths (never the secret)', async () => {
    const { env, config, bin } = setup({ credsStore: 'fake' });
    const store = new RegistryCredentialStore(env);
    expect(await store.store('127.0.0.1:5001', 'berth', 'berth-secret')).toEqual({ kind: 'helper', helper: 'fake' });
    expect(config()).toEqual({ credsStore: 'fake', auths: { '127.0.0.1:5001': {} } });
    expect(readFileSync(join(bin, 'store.json'), 'utf8')).toContain('berth-secret');
    expect(await resolveRegistryAuth('127.0.0.1:5001', env)).toEqual({ username: 'berth', password: 'berth-secret', serveraddress: '127.0.0.1:5001' });
    const list = await store.list();
    expect(list).toEqual([expect.objectContaining({ host: '127.0.0.1:5001', username: 'berth', location: { kind: 'helper', helper: 'fake' } })]);
    expect(await store.erase('127.0.0.1:5001')).toBe(true);
    expect(config()).toEqual({ credsStore: 'fake', auths: {} });
    expect(await resolveRegistryAuth('127.0.0.1:5001', env)).toBeUndefined();
  });

  it('uses a per-registry credHelper before credsStore, and stores identity tokens as <token>', async () => {
    const { env, bin } = setup({ credsStore: 'missing-helper', credHelpers: { 'reg.example': 'fake' } });
    const store = new RegistryCredentialStore(env);
    await store.store('https://reg.example/v2/', 'me', 'pw', 'id-token');
    expect(JSON.parse(readFileSync(join(bin, 'store.json'), 'utf8'))).toEqual({ 'reg.example': { Username: '<token>', Secret: 'id-token' } });
    expect(await resolveRegistryAuth('reg.example', env)).toEqual({ identitytoken: 'id-token', serveraddress: 'reg.example' });
    await expect(resolveRegistryAuth('other.example', env)).rejects.toThrow('docker-credential-missing-helper was not found on PATH');
    const list = await store.list();
    expect(list.find((r) => r.host === 'reg.example')).toMatchObject({ username: '<token>', location: { kind: 'helper', helper: 'fake' } });
  });

  it('finds helper entries stored under another spelling of the host', async () => {
    const { env, bin } = setup({ credsStore: 'fake' });
    writeFileSync(join(bin, 'store.json'), JSON.stringify({ 'https://reg.example:5000/v2/': { Username: 'old', Secret: 'pw' } }));
    expect(await resolveRegistryAuth('reg.example:5000', env)).toEqual({ username: 'old', password: 'pw', serveraddress: 'reg.example:5000' });
  });
});
