import { describe, expect, it } from 'vitest';
import { ByteQueue } from './byte-queue.js';

const bytes = (from: number, n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (from + i) % 256));

describe('ByteQueue: chunks in, pieces of a chosen size out', () => {
  it('takes pieces across chunk borders in order, and counts what is left', () => {
    const q = new ByteQueue();
    q.push(bytes(0, 5));
    q.push(bytes(5, 3));
    q.push(bytes(8, 10));
    expect(q.size).toBe(18);
    expect([...q.take(7)]).toEqual([...bytes(0, 7)]);
    expect(q.size).toBe(11);
    expect([...q.take(2)]).toEqual([...bytes(7, 2)]);
    expect([...q.take(100)]).toEqual([...bytes(9, 9)]);
    expect(q.size).toBe(0);
    expect(q.take(4).length).toBe(0);
  });

  it('hands out a view, not a copy, when one chunk holds the piece', () => {
    const q = new ByteQueue();
    const chunk = bytes(0, 16);
    q.push(chunk);
    const piece = q.take(8);
    expect(piece.buffer).toBe(chunk.buffer);
    expect(piece.byteOffset).toBe(chunk.byteOffset);
  });

  it('clear drops everything waiting; empty chunks are ignored', () => {
    const q = new ByteQueue();
    q.push(Buffer.alloc(0));
    q.push(bytes(0, 4));
    q.clear();
    expect(q.size).toBe(0);
    q.push(bytes(4, 2));
    expect([...q.take(2)]).toEqual([4, 5]);
  });
});
