import { describe, expect, it } from 'vitest';
import { parseTimeout } from './bulk-toolbar.js';

describe('the stop timeout field', () => {
  it('is optional, and takes whole seconds up to an hour', () => {
    expect(parseTimeout('')).toEqual({});
    expect(parseTimeout(' 30 ')).toEqual({ timeout: 30 });
    expect(parseTimeout('0')).toEqual({ timeout: 0 });
    expect(parseTimeout('4000').error).toBe('Stop timeout must be at most 3600 seconds (one hour)');
  });

  it('words text that is no number as a sentence a person reads, naming what was typed', () => {
    expect(parseTimeout('abc')).toEqual({ error: 'Stop timeout must be a number of seconds, e.g. 30 (got “abc”)' });
    expect(parseTimeout('10s')).toEqual({ error: 'Stop timeout must be a number of seconds, e.g. 30 (got “10s”)' });
  });
});
