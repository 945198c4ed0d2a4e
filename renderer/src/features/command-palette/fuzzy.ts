/**
 * Fuzzy matching for the command palette: every word of the query must appear in the text as a
 * subsequence (case-insensitive), or, failing that, start a word of the text with a typo or two (see
 * typoScore). Higher scores for letters in a row, at the start of a word, and for shorter texts.
 * `keywords` are words that find the item without being shown (a container's id, "shell" for
 * Terminal): a query word matches one only by starting it, never scattered, so that hex ids and
 * synonyms do not turn up as noise. Undefined: no match.
 */
export function fuzzyScore(query: string, text: string, keywords = ''): number | undefined {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return 0;
  const hay = text.toLowerCase();
  const kw = keywords.toLowerCase();
  let total = 0;
  for (const w of words) {
    const s = wordScore(w, hay);
    const k = keywordScore(w, kw);
    if (s === undefined && k === undefined) return undefined;
    total += Math.max(s ?? -Infinity, k ?? -Infinity);
  }
  return total - hay.length * 0.01;
}

/** A query word that starts one of the keywords scores as a substring of the text would. */
function keywordScore(word: string, keywords: string): number | undefined {
  for (let at = keywords.indexOf(word); at >= 0; at = keywords.indexOf(word, at + 1)) {
    if (at === 0 || keywords[at - 1] === ' ') return word.length * 3;
  }
  return undefined;
}

function wordScore(word: string, hay: string): number | undefined {
  // An exact substring beats any scattered match.
  const at = hay.indexOf(word);
  if (at >= 0) return word.length * 3 + (at === 0 || isBoundary(hay, at) ? 5 : 0) + (wholeWordAt(hay, word) ? 4 : 0);
  // Scattered: the best of the matches that start at each place the first letter is. The leftmost
  // match alone took letters from the name: "stp" against "…-mxcswtd1 Stop" used the name's s and t
  // and scored Stop below Pause (whose p came after them).
  let best: number | undefined;
  for (let start = hay.indexOf(word[0]!); start >= 0; start = hay.indexOf(word[0]!, start + 1)) {
    const s = scatteredFrom(word, hay, start);
    if (s === undefined) break; // a later start has fewer letters left to match in
    if (best === undefined || s > best) best = s;
  }
  return best ?? typoScore(word, hay);
}

/**
 * A word typed with typos ("ngnix", "redsi", "postgers"): it matches a word start of the text within one
 * edit (two from 8 letters; a swap of two neighbours is one edit). Scored below any in-order match, and
 * only for words of 4 letters or more, where a slip is more likely than another name.
 */
function typoScore(word: string, hay: string): number | undefined {
  if (word.length < 4) return undefined;
  const allowed = word.length >= 8 ? 2 : 1;
  let best: number | undefined;
  for (let at = 0; at < hay.length; at++) {
    if (!isBoundary(hay, at)) continue;
    const d = prefixDistance(word, hay.slice(at, at + word.length + allowed));
    if (d <= allowed && (best === undefined || word.length - 2 * d > best)) best = word.length - 2 * d;
  }
  return best;
}

/** The fewest edits (insert, delete, replace, swap neighbours) that turn `word` into some prefix of `text` of about its length. */
function prefixDistance(word: string, text: string): number {
  const rows: number[][] = [Array.from({ length: text.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= word.length; i++) {
    const row = [i];
    for (let j = 1; j <= text.length; j++) {
      const cost = word[i - 1] === text[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && word[i - 1] === text[j - 2] && word[i - 2] === text[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
    }
    rows.push(row);
  }
  const last = rows[word.length]!;
  return Math.min(...last.slice(Math.max(0, word.length - 2)));
}

/** The greedy subsequence match of `word` in `hay` whose first letter is at `start`: 1 a letter, 2 in a row, +1 at a word start. */
function scatteredFrom(word: string, hay: string, start: number): number | undefined {
  let score = 0;
  let last = -2;
  let i = start;
  for (let k = 0; k < word.length; k++) {
    if (k > 0) i = hay.indexOf(word[k]!, last + 1);
    if (i < 0) return undefined;
    score += i === last + 1 ? 2 : 1;
    if (isBoundary(hay, i)) score += 1;
    last = i;
  }
  return score;
}

/**
 * The word is a whole space-separated word of the text: "p1-multi" is the project p1-multi itself, not
 * the start of p1-multi_data or p1-multi-db-1 (the kind's longer name left the project last).
 */
function wholeWordAt(hay: string, word: string): boolean {
  for (let at = hay.indexOf(word); at >= 0; at = hay.indexOf(word, at + 1)) {
    const end = at + word.length;
    if ((at === 0 || /\s/.test(hay[at - 1]!)) && (end === hay.length || /\s/.test(hay[end]!))) return true;
  }
  return false;
}

function isBoundary(s: string, i: number): boolean {
  return i === 0 || /[\s\-_./:@]/.test(s[i - 1]!);
}

/** The items that match, best first (ties keep their order), at most `limit`. */
export function rankByFuzzy<T>(query: string, items: readonly T[], textOf: (item: T) => string, limit = 50, keywordsOf?: (item: T) => string): T[] {
  const scored: { item: T; score: number; i: number }[] = [];
  items.forEach((item, i) => {
    const score = fuzzyScore(query, textOf(item), keywordsOf?.(item));
    if (score !== undefined) scored.push({ item, score, i });
  });
  return scored
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, limit)
    .map((s) => s.item);
}
