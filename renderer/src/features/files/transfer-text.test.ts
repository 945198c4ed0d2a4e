import { describe, expect, it } from 'vitest';
import { transferBytesText } from './transfer-text.js';

describe('transferBytesText', () => {
  it('a folder the browser saves (size unknown) never reads "0 B"', () => {
    const text = transferBytesText({ status: 'done', done: 0, total: null, savedByBrowser: true });
    expect(text).toBe('Saved by the browser (see its downloads)');
    expect(text).not.toMatch(/0 B/);
  });

  it('a file the browser saves shows its known size', () => {
    expect(transferBytesText({ status: 'done', done: 17, total: 17, savedByBrowser: true })).toBe('17 B · saved by the browser');
  });

  it('progress while running, and the bytes of a transfer the page did itself', () => {
    expect(transferBytesText({ status: 'running', done: 512, total: 2048 })).toBe('512 B of 2 KiB');
    expect(transferBytesText({ status: 'running', done: 512, total: null })).toBe('512 B');
    expect(transferBytesText({ status: 'done', done: 2048, total: 2048 })).toBe('2 KiB of 2 KiB');
  });
});
