import { describe, expect, it } from 'vitest';
import { fuzzyScore, rankByFuzzy } from './fuzzy.js';

describe('fuzzyScore', () => {
  it('matches a subsequence, case-insensitively, and refuses letters out of order', () => {
    expect(fuzzyScore('wbsrv', 'Web-Server')).toBeDefined();
    expect(fuzzyScore('vrsbw', 'web-server')).toBeUndefined();
  });
  it('needs every word of the query', () => {
    expect(fuzzyScore('web stop', 'web-1 container stop')).toBeDefined();
    expect(fuzzyScore('web kill', 'web-1 container stop')).toBeUndefined();
  });
  it('ranks a substring at a word start above a scattered match, and shorter texts first', () => {
    const items = ['nginx-proxy-web', 'my-website', 'w-e-b', 'web'];
    expect(rankByFuzzy('web', items, (s) => s)).toEqual(['web', 'my-website', 'nginx-proxy-web', 'w-e-b']);
  });
  it('puts the object whose whole name was typed first, whatever the length of its kind', () => {
    const items = ['p1-multi_data Open Volume', 'p1-multi_back Open Network', 'p1-multi-db-1 Open Container', 'p1-multi Open Compose project'];
    expect(rankByFuzzy('p1-multi', items, (s) => s)[0]).toBe('p1-multi Open Compose project');
    expect(rankByFuzzy('P1-Multi open', items, (s) => s)[0]).toBe('p1-multi Open Compose project');
  });
  it('scores a scattered word by its best match, not the first letters it meets', () => {
    // The name holds an s and a t ("mxcswtd1"): "stp" is still the Stop action, not Pause.
    const name = 'berth-e2e-palette-mxcswtd1-o8qf';
    const items = ['Open', 'Stop', 'Pause', 'Unpause'].map((a) => `${name} ${a} Container`);
    expect(rankByFuzzy('berth-o8qf stp', items, (s) => s)[0]).toBe(`${name} Stop Container`);
    expect(rankByFuzzy('rstrt', ['w-restart-x Open', 'web Restart'], (s) => s)[0]).toBe('web Restart');
  });
  it('forgives a typo in a word of 4 letters or more, ranked below the in-order matches', () => {
    expect(fuzzyScore('ngnix', 'h17-nginx-web Open Container')).toBeDefined();
    expect(fuzzyScore('redsi stop', 'redis-cache Stop Container')).toBeDefined();
    expect(fuzzyScore('postgers', 'postgres:16 Open Image')).toBeDefined();
    expect(fuzzyScore('contaienr', 'Containers Go to Page')).toBeDefined();
    expect(fuzzyScore('ngnix', 'nginx-like-but-different-words Open')).toBeDefined();
    // Short words and far-off words still need their letters in order.
    expect(fuzzyScore('wbe', 'web')).toBeUndefined();
    expect(fuzzyScore('mysql', 'nginx Open Container')).toBeUndefined();
    const items = ['nginx Open Container', 'ngnix-in-order Open Container'];
    expect(rankByFuzzy('ngnix', items, (s) => s)).toEqual(['ngnix-in-order Open Container', 'nginx Open Container']);
  });
  it('an empty query keeps every item in order', () => {
    expect(rankByFuzzy('', ['b', 'a'], (s) => s)).toEqual(['b', 'a']);
  });
});
