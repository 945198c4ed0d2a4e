import { describe, expect, it } from 'vitest';
import { failedChunkUrl, importWithRetry } from './import-with-retry.js';

const fetchFailed = () => new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:1/assets/page-x.js');

describe('importWithRetry', () => {
  it('asks again after a failed chunk fetch, and gets the module', async () => {
    let calls = 0;
    const mod = await importWithRetry(async () => {
      if (++calls < 3) throw fetchFailed();
      return { Page: 'ok' };
    }, { waitsMs: [1, 1] });
    expect(mod).toEqual({ Page: 'ok' });
    expect(calls).toBe(3);
  });

  it('gives up after the retries with the fetch error, and never retries another error', async () => {
    let calls = 0;
    await expect(
      importWithRetry(async () => {
        calls++;
        throw fetchFailed();
      }, { waitsMs: [1, 1] }),
    ).rejects.toThrow(/Failed to fetch dynamically imported module/);
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      importWithRetry(async () => {
        calls++;
        throw new Error('boom in module code');
      }, { waitsMs: [1, 1] }),
    ).rejects.toThrow('boom in module code');
    expect(calls).toBe(1);
  });

  it('asks again at a new address (?retry=N): the browser keeps a failed module fetch under the old one', async () => {
    const asked: string[] = [];
    let calls = 0;
    const mod = await importWithRetry(
      async () => {
        calls++;
        throw fetchFailed();
      },
      {
        waitsMs: [1, 1],
        origin: 'http://127.0.0.1:1',
        importUrl: async (url) => {
          asked.push(url);
          if (asked.length < 2) throw new TypeError(`Failed to fetch dynamically imported module: ${url}`);
          return { Page: 'ok' };
        },
      },
    );
    expect(mod).toEqual({ Page: 'ok' });
    expect(calls).toBe(1);
    expect(asked).toEqual(['http://127.0.0.1:1/assets/page-x.js?retry=1', 'http://127.0.0.1:1/assets/page-x.js?retry=2']);
  });
});

describe('failedChunkUrl', () => {
  it('finds our own chunk in the browser’s error, and nothing else', () => {
    const origin = 'http://127.0.0.1:1';
    expect(failedChunkUrl('Failed to fetch dynamically imported module: http://127.0.0.1:1/assets/page-x.js', origin)).toBe('http://127.0.0.1:1/assets/page-x.js');
    expect(failedChunkUrl('error loading dynamically imported module: app://berth/assets/a-1.js', 'app://berth')).toBe('app://berth/assets/a-1.js');
    expect(failedChunkUrl('Failed to fetch dynamically imported module: https://evil.example/assets/x.js', origin)).toBeUndefined();
    expect(failedChunkUrl('Importing a module script failed.', origin)).toBeUndefined();
    expect(failedChunkUrl('Failed to fetch dynamically imported module: http://127.0.0.1:1/assets/page-x.js', undefined)).toBeUndefined();
  });
});
