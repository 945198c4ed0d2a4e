/**
 * The order of `new Intl.Collator('en', { numeric: true, sensitivity: 'base' })` for strings made only of
 * ASCII letters, digits, `_`, `-` and `.` (every container name Docker accepts, most service and project
 * names), computed without ICU: a window's first collator loads ICU's collation data, 15–50 ms of the
 * main thread before the first row can be sorted (bench/first-row.ts). As ICU's root order: `_` < `-` <
 * `.` < numbers (by value, leading zeros ignored) < letters (case ignored); a string that is a prefix of
 * the other comes first. compare-plain.test.ts checks it against Intl.Collator.
 */
export const PLAIN_TEXT = /^[A-Za-z0-9_.-]*$/;

const LETTER = 4;
const isDigit = (c: number) => c >= 48 && c <= 57;
const weight = (c: number) => (c === 95 ? 0 : c === 45 ? 1 : c === 46 ? 2 : LETTER);
const NUMBER = 3;

/** Only for strings that match PLAIN_TEXT. */
export function comparePlain(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    const da = isDigit(ca);
    const db = isDigit(cb);
    if (da && db) {
      let ei = i;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      let ej = j;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      // Leading zeros do not count ("007" = "7"); then the longer number is the larger.
      while (i < ei - 1 && a.charCodeAt(i) === 48) i++;
      while (j < ej - 1 && b.charCodeAt(j) === 48) j++;
      if (ei - i !== ej - j) return ei - i < ej - j ? -1 : 1;
      for (; i < ei; i++, j++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(j);
        if (x !== y) return x < y ? -1 : 1;
      }
      continue;
    }
    const wa = da ? NUMBER : weight(ca);
    const wb = db ? NUMBER : weight(cb);
    if (wa !== wb) return wa < wb ? -1 : 1;
    if (wa === LETTER) {
      const x = ca | 32;
      const y = cb | 32;
      if (x !== y) return x < y ? -1 : 1;
    }
    i++;
    j++;
  }
  const moreA = i < a.length;
  const moreB = j < b.length;
  return moreA === moreB ? 0 : moreA ? 1 : -1;
}

/**
 * Names as people read them ("data-2" before "data-10", case ignored) without ICU, for lists of names
 * Docker made plain (volumes, networks); anything else by code point, as fast.
 */
export function compareNames(a: string, b: string): number {
  const raw = a < b ? -1 : a > b ? 1 : 0;
  return PLAIN_TEXT.test(a) && PLAIN_TEXT.test(b) ? comparePlain(a, b) || raw : raw;
}
