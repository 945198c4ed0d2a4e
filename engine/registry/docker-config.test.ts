import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeAuth, dockerConfigDir, encodeAuth, readDockerConfig, updateDockerConfig, writeDockerConfig } from './docker-config.js';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'berth-dcfg-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('Docker config.json', () => {
  it('resolves $DOCKER_CONFIG, else ~/.docker', () => {
    expect(dockerConfigDir({ DOCKER_CONFIG: '/x/cfg' })).toBe('/x/cfg');
    expect(dockerConfigDir({ HOME: '/home/me' })).toBe('/home/me/.docker');
  });

  it('reads a missing or empty file as an empty config, and names the file when it is broken', async () => {
    const d = temp();
    expect(await readDockerConfig(join(d, 'config.json'))).toEqual({});
    writeFileSync(join(d, 'config.json'), '  ');
    expect(await readDockerConfig(join(d, 'config.json'))).toEqual({});
    writeFileSync(join(d, 'config.json'), '{ nope');
    await expect(readDockerConfig(join(d, 'config.json'))).rejects.toThrow(`The Docker config ${join(d, 'config.json')} is not valid JSON`);
    writeFileSync(join(d, 'config.json'), '{"auths": []}');
    await expect(readDockerConfig(join(d, 'config.json'))).rejects.toThrow(/invalid "auths" field/);
  });

  it('updates atomically, keeping every other field, with mode 0600 and no temp file left', async () => {
    const d = temp();
    const path = join(d, 'config.json');
    writeFileSync(path, JSON.stringify({ psFormat: '{{.ID}}', proxies: { default: { httpProxy: 'http://p:3128' } }, auths: { 'a.example': { auth: 'eDp5' } }, currentContext: 'x' }), { mode: 0o644 });
    await updateDockerConfig(path, (c) => {
      c.auths = { ...c.auths, 'b.example': { auth: encodeAuth('u', 'p:w') } };
    });
    const after = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(after).toEqual({
      psFormat: '{{.ID}}',
      proxies: { default: { httpProxy: 'http://p:3128' } },
      auths: { 'a.example': { auth: 'eDp5' }, 'b.example': { auth: encodeAuth('u', 'p:w') } },
      currentContext: 'x',
    });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(d)).toEqual(['config.json']);
    expect(readFileSync(path, 'utf8')).toContain('\n\t"psFormat"');
  });

  it('creates the directory and writes through a symlinked config.json', async () => {
    const d = temp();
    await writeDockerConfig(join(d, 'new', 'config.json'), { auths: {} });
    expect(statSync(join(d, 'new')).isDirectory()).toBe(true);
    const real = join(d, 'real.json');
    writeFileSync(real, '{}');
    symlinkSync(real, join(d, 'config.json'));
    await writeDockerConfig(join(d, 'config.json'), { credsStore: 'pass' });
    expect(JSON.parse(readFileSync(real, 'utf8'))).toEqual({ credsStore: 'pass' });
  });

  it('encodes and decodes auth like the CLI (the password may contain colons)', () => {
    expect(encodeAuth('berth', 'berth-secret')).toBe(Buffer.from('berth:berth-secret').toString('base64'));
    expect(decodeAuth(encodeAuth('u', 'a:b'))).toEqual({ username: 'u', password: 'a:b' });
    expect(decodeAuth(Buffer.from('nocolon').toString('base64'))).toBeUndefined();
  });
});
