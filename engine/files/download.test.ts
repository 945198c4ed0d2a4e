import { describe, expect, it } from 'vitest';
import { Coalescer } from './download.js';

describe('Coalescer', () => {
  it('turns small socket pieces into full chunks, keeping the order of the bytes', () => {
    const c = new Coalescer(4);
    expect(c.push(Buffer.from('ab'))).toEqual([]);
    expect(c.push(Buffer.from('cdefghij')).map(String)).toEqual(['abcd', 'efgh']);
    expect(c.push(Buffer.from('k')).map(String)).toEqual([]);
    expect(c.flush().map(String)).toEqual(['ijk']);
    expect(c.flush()).toEqual([]);
  });
});
