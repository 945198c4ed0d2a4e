import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthError } from '../../contract/errors.js';
import { ctx, docker, TEST_IMAGE, testConnection, uniquePrefix } from '../testing/int-helpers.js';
import { createRegistriesService } from './registries-service.js';

const OPEN = '127.0.0.1:5000';
const AUTH = '127.0.0.1:5001';
const unique = uniquePrefix('reg').replace(/-$/, '');
const dirs: string[] = [];
const tags: string[] = [];

function tempConfigDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-reg-cfg-'));
  dirs.push(dir);
  return dir;
}

function service(configDir: string) {
  const conn = testConnection();
  return createRegistriesService({ connections: { require: () => conn }, dataDir: configDir, log: () => undefined }, { ...process.env, DOCKER_CONFIG: configDir });
}

async function errorOf(p: Promise<unknown>): Promise<BerthError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof BerthError) return err;
    throw err;
  }
  throw new Error('expected a BerthError');
}

/** Tag the test image into a registry and push it with the CLI (a temp DOCKER_CONFIG, logged in when needed). */
async function pushWithCli(registry: string, repo: string, tag: string, login?: [string, string]): Promise<void> {
  const cliConfig = tempConfigDir();
  const ref = `${registry}/${repo}:${tag}`;
  tags.push(ref);
  await docker('tag', TEST_IMAGE, ref);
  if (login) await docker('--config', cliConfig, 'login', '-u', login[0], '-p', login[1], registry);
  await docker('--config', cliConfig, 'push', ref);
}

beforeAll(async () => {
  await pushWithCli(OPEN, `berth-reg-test/${unique}`, 'v1');
  await pushWithCli(AUTH, `berth-reg-test/${unique}-auth`, 'v2', ['berth', 'berth-secret']);
});

afterAll(async () => {
  for (const ref of tags) await docker('rmi', ref).catch(() => undefined);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('registries service against the local registries', () => {
  it('logs in with the right password and stores it in config.json as the CLI does, keeping other fields', async () => {
    const dir = tempConfigDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ psFormat: 'table {{.ID}}', auths: { 'other.example:5000': { auth: 'eDp5' } } }));
    const svc = service(dir);
    const result = await svc.login({ server: AUTH, username: 'berth', password: 'berth-secret' }, ctx());
    expect(result).toMatchObject({ server: AUTH, username: 'berth', storeKind: 'config-file', status: 'Login Succeeded' });
    const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { psFormat: string; auths: Record<string, { auth: string }> };
    expect(cfg.psFormat).toBe('table {{.ID}}');
    expect(cfg.auths['other.example:5000']).toEqual({ auth: 'eDp5' });
    expect(Buffer.from(cfg.auths[AUTH]?.auth ?? '', 'base64').toString()).toBe('berth:berth-secret');
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);

    const list = await svc.list({}, ctx());
    expect(list.find((r) => r.server === AUTH)).toMatchObject({ username: 'berth', storeKind: 'config-file' });

    // The CLI accepts what Berth stored: it can pull from the auth registry with this config.
    await docker('--config', dir, 'pull', `${AUTH}/berth-reg-test/${unique}-auth:v2`);

    const out = await svc.logout({ server: AUTH }, ctx());
    expect(out).toEqual({ server: AUTH, removed: true });
    const after = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { auths: Record<string, unknown> };
    expect(after.auths[AUTH]).toBeUndefined();
    expect(after.auths['other.example:5000']).toEqual({ auth: 'eDp5' });
    expect((await svc.list({}, ctx())).some((r) => r.server === AUTH)).toBe(false);
  });

  it('keeps both of two concurrent logins (config.json writes are serialised)', async () => {
    const dir = tempConfigDir();
    const svc = service(dir);
    await Promise.all([svc.login({ server: AUTH, username: 'berth', password: 'berth-secret' }, ctx()), svc.login({ server: OPEN, username: 'anyone', password: 'x' }, ctx())]);
    const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { auths: Record<string, unknown> };
    expect(Object.keys(cfg.auths).sort()).toEqual([OPEN, AUTH]);
  });

  it('refuses a wrong password with a readable error and stores nothing', async () => {
    const dir = tempConfigDir();
    const err = await errorOf(service(dir).login({ server: AUTH, username: 'berth', password: 'wrong' }, ctx()));
    expect(err.message).toBe(`Login to ${AUTH} failed: wrong username or password`);
    expect(() => statSync(join(dir, 'config.json'))).toThrow();
  });

  it('says when the registry cannot be reached', async () => {
    const err = await errorOf(service(tempConfigDir()).login({ server: '127.0.0.1:5999', username: 'u', password: 'p' }, ctx()));
    expect(err.message).toBe('Login to 127.0.0.1:5999 failed: cannot reach the registry (connection refused)');
  });

  it('searches the open registry and finds the pushed repository with its tag', async () => {
    const res = await service(tempConfigDir()).search({ registry: OPEN, term: unique }, ctx());
    expect(res.source).toBe('catalog');
    expect(res.repositories).toEqual([{ name: `berth-reg-test/${unique}`, pullName: `${OPEN}/berth-reg-test/${unique}`, tags: ['v1'] }]);
    const tagList = await service(tempConfigDir()).tags({ registry: OPEN, repository: `berth-reg-test/${unique}` }, ctx());
    expect(tagList).toEqual({ registry: OPEN, repository: `berth-reg-test/${unique}`, tags: ['v1'], truncated: false });
  });

  it('searches the auth registry with stored credentials, and asks to log in without them', async () => {
    const noCreds = await errorOf(service(tempConfigDir()).search({ registry: AUTH, term: unique }, ctx()));
    expect(noCreds.message).toBe(`Registry ${AUTH} requires authentication: log in first`);

    const dir = tempConfigDir();
    const svc = service(dir);
    await svc.login({ server: AUTH, username: 'berth', password: 'berth-secret' }, ctx());
    const res = await svc.search({ registry: AUTH, term: `${unique}-auth` }, ctx());
    expect(res.repositories.map((r) => [r.name, r.tags])).toEqual([[`berth-reg-test/${unique}-auth`, ['v2']]]);
  });

  it('gives a readable error for a missing repository and for Docker Hub without internet', async () => {
    const missing = await errorOf(service(tempConfigDir()).tags({ registry: OPEN, repository: `berth-reg-test/${unique}-none` }, ctx()));
    expect(missing.message).toBe(`Repository berth-reg-test/${unique}-none was not found on ${OPEN}`);
    const hub = await errorOf(service(tempConfigDir()).search({ term: 'nginx' }, ctx()));
    expect(hub.message).toMatch(/^Cannot reach Docker Hub: /);
  });
});
