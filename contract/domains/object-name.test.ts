import { describe, expect, it } from 'vitest';
import { badNameChars } from './object-name.js';

describe('badNameChars', () => {
  it('names each character Docker refuses once, spaces and tabs in words', () => {
    expect(badNameChars('db_1.x-y')).toBeUndefined();
    expect(badNameChars('a b')).toBe('spaces');
    expect(badNameChars('my data/ü ü')).toBe('spaces, "/" or "ü"');
    expect(badNameChars('a\tb:c')).toBe('tabs or line breaks or ":"');
  });
});
