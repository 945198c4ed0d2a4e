import { describe, expect, it } from 'vitest';
import { BerthError } from '../../contract/errors.js';
import { method } from '../../contract/define.js';
import { z } from 'zod';
import { ErrorRing, recordErrors } from './error-ring.js';

describe('ErrorRing', () => {
  it('keeps the last N errors, skips cancellations', () => {
    const ring = new ErrorRing(2, () => 0);
    ring.record('a.x', new BerthError('NOT_FOUND', 'one'));
    ring.record('a.x', new BerthError('CANCELLED', 'gone'));
    ring.record('a.y', new Error('two'));
    ring.record('a.z', new BerthError('CONFLICT', 'three'));
    expect(ring.list().map((e) => `${e.call} ${e.code} ${e.message}`)).toEqual(['a.y INTERNAL two', 'a.z CONFLICT three']);
  });

  it('records what a wrapped method rejects with, and still rejects', async () => {
    const ring = new ErrorRing();
    const contract = { d: { m: method<number>()(z.object({})), ok: method<number>()(z.object({})) } };
    const impl = recordErrors({ d: { m: () => Promise.reject(new BerthError('CONFLICT', 'in use')), ok: () => Promise.resolve(1) } }, contract, ring);
    await expect(impl.d.m()).rejects.toThrow('in use');
    await expect(impl.d.ok()).resolves.toBe(1);
    expect(ring.list()).toMatchObject([{ call: 'd.m', code: 'CONFLICT', message: 'in use' }]);
  });
});
