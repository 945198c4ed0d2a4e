import { describe, expect, it } from 'vitest';
import { importWithRetry } from './import-with-retry.js';

const fetchFailed = () => new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:1/assets/page-x.js');

describe('importWithRetry', () => {
  it('asks again after a failed chunk fetch, and gets the module', async () => {
    let calls = 0;
    const mod = await importWithRetry(async () => {
      if (++calls < 3) throw fetchFailed();
      return { Page: 'ok' };
    }, [1, 1]);
    expect(mod).toEqual({ Page: 'ok' });
    expect(calls).toBe(3);
  });

  it('gives up after the retries with the fetch error, and never retries another error', async () => {
    let calls = 0;
    await expect(
      importWithRetry(async () => {
        calls++;
        throw fetchFailed();
      }, [1, 1]),
    ).rejects.toThrow(/Failed to fetch dynamically imported module/);
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      importWithRetry(async () => {
        calls++;
        throw new Error('boom in module code');
      }, [1, 1]),
    ).rejects.toThrow('boom in module code');
    expect(calls).toBe(1);
  });
});
