import { describe, expect, it } from 'vitest';
import { parseErrorShape, toErrorShape, BerthError } from './errors.js';
import { parseServerMessage } from './server-message.js';

describe('messages from the back end, as the client checks them', () => {
  it('keeps each kind of message with its known fields only', () => {
    expect(parseServerMessage({ t: 'result', id: 1, ok: true, value: [1], extra: 'x' })).toEqual({ t: 'result', id: 1, ok: true, value: [1] });
    expect(parseServerMessage({ t: 'result', id: 2, ok: false, error: { code: 'CONFLICT', message: 'in use', details: { port: 80 }, stack: 's' } })).toEqual({
      t: 'result',
      id: 2,
      ok: false,
      error: { code: 'CONFLICT', message: 'in use', details: { port: 80 } },
    });
    expect(parseServerMessage({ t: 'events', id: 3, events: [{ a: 1 }] })).toEqual({ t: 'events', id: 3, events: [{ a: 1 }] });
    expect(parseServerMessage({ t: 'end', id: 4 })).toEqual({ t: 'end', id: 4 });
    expect(parseServerMessage({ t: 'end', id: 4, error: { code: 'INTERNAL', message: 'boom' } })).toEqual({ t: 'end', id: 4, error: { code: 'INTERNAL', message: 'boom' } });
    expect(parseServerMessage({ t: 'head', id: 5, head: { name: 'f' } })).toEqual({ t: 'head', id: 5, head: { name: 'f' } });
    const data = new Uint8Array([1, 2]);
    expect(parseServerMessage({ t: 'bytes', id: 6, data })).toEqual({ t: 'bytes', id: 6, data });
    expect(parseServerMessage({ t: 'ack', id: 7, bytes: 1024 })).toEqual({ t: 'ack', id: 7, bytes: 1024 });
  });

  it('refuses what is not one of them', () => {
    for (const raw of [
      null,
      'x',
      [],
      { t: 'result', ok: true },
      { t: 'result', id: '1', ok: true },
      { t: 'result', id: NaN, ok: true },
      { t: 'result', id: 1 },
      { t: 'result', id: 1, ok: false },
      { t: 'result', id: 1, ok: false, error: { code: 'NOPE', message: 'x' } },
      { t: 'result', id: 1, ok: false, error: { code: 'INTERNAL' } },
      { t: 'events', id: 1, events: {} },
      { t: 'end', id: 1, error: 'boom' },
      { t: 'bytes', id: 1, data: [1, 2] },
      { t: 'ack', id: 1 },
      { t: 'ack', id: 1, bytes: Infinity },
      { t: 'call', id: 1, name: 'a.b', args: {} },
    ]) {
      expect(parseServerMessage(raw), JSON.stringify(raw)).toBeUndefined();
    }
  });

  it('reads an error shape from anything that has one, and turns the rest into INTERNAL', () => {
    expect(parseErrorShape({ code: 'NOT_FOUND', message: 'gone' })).toEqual({ code: 'NOT_FOUND', message: 'gone' });
    expect(parseErrorShape({ code: 'NOT_FOUND', message: 'gone', details: undefined })).toEqual({ code: 'NOT_FOUND', message: 'gone', details: undefined });
    expect(parseErrorShape(Object.assign(new Error('busy'), { code: 'CONFLICT' }))).toEqual({ code: 'CONFLICT', message: 'busy' });
    expect(parseErrorShape([])).toBeUndefined();
    expect(toErrorShape(new BerthError('CANCELLED', 'stop'))).toEqual({ code: 'CANCELLED', message: 'stop' });
    expect(toErrorShape({ code: 'TRANSPORT', message: 'lost', details: 1, other: 2 })).toEqual({ code: 'TRANSPORT', message: 'lost', details: 1 });
    expect(toErrorShape(new Error('oops'))).toEqual({ code: 'INTERNAL', message: 'oops' });
    expect(toErrorShape('plain')).toEqual({ code: 'INTERNAL', message: 'plain' });
  });
});
