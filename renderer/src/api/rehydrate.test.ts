import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BerthError, method, stream, type Client } from '../../../contract/index.js';
import { rehydrateErrors } from './rehydrate.js';

const c = { d: { m: method<number>()(z.object({})), s: stream<number>()(z.object({})) } };

describe('rehydrateErrors', () => {
  it('turns bridged plain error objects back into BerthError for methods and streams', async () => {
    const plain = { name: 'BerthError', code: 'CONFLICT', message: 'name in use', details: { name: 'web' } };
    const bridged = {
      d: {
        m: () => Promise.reject(plain),
        s: (_a: unknown, h: { error(e: unknown): void }) => (h.error(plain), { dispose() {} }),
      },
    } as unknown as Client<typeof c>;
    const api = rehydrateErrors(c, bridged);
    const err = await api.d.m({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).code).toBe('CONFLICT');
    let streamErr: unknown;
    api.d.s({}, { next() {}, error: (e) => (streamErr = e) });
    expect(streamErr).toBeInstanceOf(BerthError);
    expect((streamErr as BerthError).details).toEqual({ name: 'web' });
  });
});
