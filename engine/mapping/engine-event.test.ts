import { describe, expect, it } from 'vitest';
import { formatSince, parseEngineEvent, rfc3339ToNano } from './engine-event.js';

describe('parseEngineEvent', () => {
  it('maps a modern event and reads timeNano exactly from the raw text', () => {
    const text = '{"Type":"container","Action":"start","Actor":{"ID":"c1","Attributes":{"name":"web","image":"busybox"}},"scope":"local","time":1763915532,"timeNano":1763915532123456789}';
    const parsed = parseEngineEvent(JSON.parse(text), text);
    expect(parsed?.timeNano).toBe(1_763_915_532_123_456_789n); // JSON.parse alone would round this
    expect(parsed?.event).toEqual({ type: 'container', action: 'start', id: 'c1', name: 'web', attributes: { name: 'web', image: 'busybox' }, time: 1_763_915_532_123 });
    expect(parsed?.key).toBe('container|start|c1|1763915532123456789');
  });

  it('is not fooled by a label named timeNano', () => {
    const text = '{"Type":"container","Action":"start","Actor":{"ID":"c1","Attributes":{"timeNano":"5"}},"time":2,"timeNano":2000000007}';
    expect(parseEngineEvent(JSON.parse(text), text)?.timeNano).toBe(2_000_000_007n);
  });

  it('maps old-style events (status/id/from, seconds only)', () => {
    const parsed = parseEngineEvent({ status: 'die', id: 'c2', from: 'busybox', time: 1_600_000_000 });
    expect(parsed?.event).toEqual({ type: 'container', action: 'die', id: 'c2', attributes: {}, time: 1_600_000_000_000 });
  });

  it('rejects what is not an event', () => {
    expect(parseEngineEvent({ hello: 'world' })).toBeUndefined();
    expect(parseEngineEvent([1, 2])).toBeUndefined();
    expect(parseEngineEvent(null)).toBeUndefined();
    expect(parseEngineEvent({ Type: 'container', Action: 'start' })).toBeUndefined(); // no time
  });
});

describe('time helpers', () => {
  it('formats since as seconds.nanoseconds', () => {
    expect(formatSince(1_763_915_532_000_000_042n)).toBe('1763915532.000000042');
  });

  it('parses RFC 3339 with nanoseconds and offsets', () => {
    expect(rfc3339ToNano('2025-11-23T16:32:12.711666498Z')).toBe(BigInt(Date.parse('2025-11-23T16:32:12Z')) * 1_000_000n + 711_666_498n);
    expect(rfc3339ToNano('2025-11-23T17:32:12.5+01:00')).toBe(BigInt(Date.parse('2025-11-23T16:32:12Z')) * 1_000_000n + 500_000_000n);
    expect(rfc3339ToNano('yesterday')).toBeUndefined();
  });
});
