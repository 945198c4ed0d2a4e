import { describe, expect, it } from 'vitest';
import { comparePlain, PLAIN_TEXT } from './compare-plain.js';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

describe('comparePlain', () => {
  it('orders as the numeric, case-insensitive collator does', () => {
    const names = ['web-10', 'web-2', 'Web-1', 'web1', 'web_1', 'web.1', 'web', 'a', 'B', 'b007', 'b7', 'b08', 'z', '_x', '-x', '.x', '0', '00', '9', '10', ''];
    for (const a of names) for (const b of names) expect([a, b, Math.sign(comparePlain(a, b))]).toEqual([a, b, Math.sign(collator.compare(a, b))]);
  });

  it('agrees with the collator on random names', () => {
    // A fixed-seed generator: the same 20,000 pairs each run.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = 'abzABZ0123789_.-00';
    const random = () => Array.from({ length: Math.floor(next() * 9) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let n = 0; n < 20_000; n++) {
      const a = random();
      const b = random();
      expect(PLAIN_TEXT.test(a) && PLAIN_TEXT.test(b)).toBe(true);
      if (Math.sign(comparePlain(a, b)) !== Math.sign(collator.compare(a, b))) expect([a, b, comparePlain(a, b)]).toEqual([a, b, collator.compare(a, b)]);
    }
  });
});
