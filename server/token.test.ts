import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken, readTokenFile, tokensMatch } from './token.js';

describe('token', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-token-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('generates 256-bit URL-safe tokens, different each time', () => {
    const a = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(a);
  });

  it('compares tokens', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abd', 'abc')).toBe(false);
    expect(tokensMatch('abcd', 'abc')).toBe(false);
    expect(tokensMatch(undefined, 'abc')).toBe(false);
  });

  it('reads and trims a token file', async () => {
    const f = join(dir, 'ok');
    await writeFile(f, '  s3cret-token-0123456789+/=\n');
    expect(await readTokenFile(f)).toBe('s3cret-token-0123456789+/=');
  });

  it('rejects a missing, empty, short or malformed token file with a clear message', async () => {
    await expect(readTokenFile(join(dir, 'nope'))).rejects.toThrow(/Cannot read the token file .*nope: it does not exist/);
    await writeFile(join(dir, 'empty'), ' \n\n');
    await expect(readTokenFile(join(dir, 'empty'))).rejects.toThrow(/is empty/);
    await writeFile(join(dir, 'short'), 'abc');
    await expect(readTokenFile(join(dir, 'short'))).rejects.toThrow(/too short/);
    await writeFile(join(dir, 'two'), 'first-token-0123456789\nsecond-token-0123456789');
    await expect(readTokenFile(join(dir, 'two'))).rejects.toThrow(/without spaces/);
    await expect(readTokenFile(dir)).rejects.toThrow(/is a directory/);
  });
});
