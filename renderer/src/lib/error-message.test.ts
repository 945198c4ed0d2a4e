import { describe, expect, it } from 'vitest';
import { messageOf, NO_REASON } from './error-message.js';

describe('messageOf', () => {
  it("says an Error's message, a plain object's message, or a string", () => {
    expect(messageOf(new Error('boom'))).toBe('boom');
    // A rejection that crossed a structured clone (the desktop app's IPC) is a plain object.
    expect(messageOf({ code: 'X', message: 'shape' })).toBe('shape');
    expect(messageOf('plain text')).toBe('plain text');
  });

  it('never shows an empty line or "[object Object]"', () => {
    for (const nothing of [new Error(''), { code: 'X' }, undefined, null, '  ', 42]) expect(messageOf(nothing)).toBe(NO_REASON);
  });
});
