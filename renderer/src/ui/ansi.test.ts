import { describe, expect, it } from 'vitest';
import { AnsiLineCache, applySgr, hasControls, parseAnsi, stripAnsi, xterm256 } from './ansi.js';

const E = '\x1b';

describe('stripAnsi', () => {
  it('returns text without ESC as it is (the same string)', () => {
    const s = 'plain line\twith tab';
    expect(stripAnsi(s)).toBe(s);
    expect(hasControls(s)).toBe(false);
    expect(hasControls(`${E}[0m`)).toBe(true);
  });

  it('drops SGR and every other CSI sequence', () => {
    expect(stripAnsi(`${E}[31mred${E}[0m`)).toBe('red');
    expect(stripAnsi(`${E}[2K${E}[1Gprogress ${E}[1;32m50%${E}[m`)).toBe('progress 50%');
    expect(stripAnsi(`a${E}[?25lb${E}[?25hc`)).toBe('abc');
    expect(stripAnsi(`x${E}[38;2;1;2;3my`)).toBe('xy');
    expect(stripAnsi(`${E}[>4;2mkeys`)).toBe('keys');
  });

  it('drops OSC titles and hyperlinks (BEL or ST terminated) and DCS/APC strings', () => {
    expect(stripAnsi(`${E}]0;my title\x07hello`)).toBe('hello');
    expect(stripAnsi(`see ${E}]8;;https://example.com${E}\\docs${E}]8;;${E}\\ here`)).toBe('see docs here');
    expect(stripAnsi(`${E}P1$r0m${E}\\ok`)).toBe('ok');
    expect(stripAnsi(`${E}_apc${E}\\ok`)).toBe('ok');
    // Unterminated: to the end of the line.
    expect(stripAnsi(`before${E}]0;never ends`)).toBe('before');
  });

  it('drops two-byte escapes, charset selection, lone ESC and other C0 controls; keeps tab', () => {
    expect(stripAnsi(`${E}(Babc${E}7${E}8${E}M${E}=`)).toBe('abc');
    expect(stripAnsi(`bell\x07 back\bspace\x00 del\x7f ${E}`)).toBe('bell backspace del ');
    expect(stripAnsi(`a\tb\rc${E}[K`)).toBe('c\tb');
    // A cut-short CSI drops what was read; what follows is text.
    expect(stripAnsi(`${E}[12`)).toBe('');
    expect(stripAnsi(`${E}[1;\u00e9t\u00e9`)).toBe('\u00e9t\u00e9');
  });
});

describe('"\\r", as a terminal shows it', () => {
  it('a progress line shows its last state, not every state run together', () => {
    expect(hasControls('progress 1/5\rprogress 2/5')).toBe(true);
    expect(stripAnsi('progress 1/5\rprogress 2/5\rprogress 5/5\r')).toBe('progress 5/5');
    expect(parseAnsi('progress 1/5\rprogress 5/5')).toEqual({ text: 'progress 5/5', runs: [] });
  });

  it('overwrites from the start of the line, keeping what the shorter text does not reach', () => {
    expect(stripAnsi('downloading 50%\rdone')).toBe('doneloading 50%');
    expect(stripAnsi('50%\r7')).toBe('70%');
    // A CRLF line ends in "\r": nothing visible moves.
    expect(stripAnsi('line\r')).toBe('line');
  });

  it('keeps each character’s own style where it was overwritten', () => {
    const l = parseAnsi(`${E}[31mred red${E}[0m\r${E}[32mgo${E}[0m`);
    expect(l.text).toBe('god red');
    expect(l.runs).toEqual([
      { start: 0, end: 2, style: { fg: 2 } },
      { start: 2, end: 7, style: { fg: 1 } },
    ]);
  });
});

describe('parseAnsi', () => {
  it('gives the plain text and the styled runs', () => {
    const l = parseAnsi(`${E}[31mred${E}[0m and ${E}[1;4mbold${E}[22m under${E}[24m plain`);
    expect(l.text).toBe('red and bold under plain');
    expect(l.runs).toEqual([
      { start: 0, end: 3, style: { fg: 1 } },
      { start: 8, end: 12, style: { bold: true, underline: true } },
      { start: 12, end: 18, style: { underline: true } },
    ]);
  });

  it('starts plain: each line is parsed on its own', () => {
    expect(parseAnsi(`${E}[31mstill red?`).runs).toEqual([{ start: 0, end: 10, style: { fg: 1 } }]);
    expect(parseAnsi('next line').runs).toEqual([]);
  });

  it('merges sequences that do not change the style and skips empty runs', () => {
    const l = parseAnsi(`${E}[32m${E}[32mgo${E}[32m on${E}[33m${E}[0m`);
    expect(l.text).toBe('go on');
    expect(l.runs).toEqual([{ start: 0, end: 5, style: { fg: 2 } }]);
  });

  it('keeps styles across stripped sequences', () => {
    const l = parseAnsi(`${E}[34mblue${E}[2K${E}]0;t\x07 still${E}[m`);
    expect(l.text).toBe('blue still');
    expect(l.runs).toEqual([{ start: 0, end: 10, style: { fg: 4 } }]);
  });

  it('returns text without ESC unscanned', () => {
    const s = 'no escapes';
    expect(parseAnsi(s)).toEqual({ text: s, runs: [] });
  });
});

describe('applySgr', () => {
  const plain = {};
  it('sets and resets attributes', () => {
    expect(applySgr(plain, '1;2;3;4;7;9')).toEqual({ bold: true, dim: true, italic: true, underline: true, inverse: true, strike: true });
    const all = applySgr(plain, '1;2;3;4;7;9;31;42');
    expect(applySgr(all, '22;23;24;27;29')).toEqual({ fg: 1, bg: 2 });
    expect(applySgr(all, '39;49')).toEqual({ bold: true, dim: true, italic: true, underline: true, inverse: true, strike: true });
    expect(applySgr(all, '0')).toEqual({});
    expect(applySgr(all, '')).toEqual({});
    expect(applySgr({ fg: 1 }, '21')).toEqual({ fg: 1, underline: true });
  });

  it('reads the 16 colours, normal and bright, as text and background', () => {
    expect(applySgr(plain, '30;47')).toEqual({ fg: 0, bg: 7 });
    expect(applySgr(plain, '37;40')).toEqual({ fg: 7, bg: 0 });
    expect(applySgr(plain, '90;107')).toEqual({ fg: 8, bg: 15 });
    expect(applySgr(plain, '97;100')).toEqual({ fg: 15, bg: 8 });
  });

  it('reads 256-colour and truecolor, with semicolons or colons', () => {
    expect(applySgr(plain, '38;5;208;48;5;17')).toEqual({ fg: 208, bg: 17 });
    expect(applySgr(plain, '38;2;255;128;0;1')).toEqual({ fg: '#ff8000', bold: true });
    expect(applySgr(plain, '48;2;0;0;255')).toEqual({ bg: '#0000ff' });
    expect(applySgr(plain, '38:5:196')).toEqual({ fg: 196 });
    expect(applySgr(plain, '38:2::10:20:30')).toEqual({ fg: '#0a141e' });
    expect(applySgr(plain, '38:2:10:20:30')).toEqual({ fg: '#0a141e' });
    expect(applySgr(plain, '4:3')).toEqual({ underline: true });
    expect(applySgr({ underline: true }, '4:0')).toEqual({});
  });

  it('ignores out-of-range colours, underline colour and unknown codes', () => {
    expect(applySgr(plain, '38;5;300')).toEqual({});
    expect(applySgr(plain, '38;2;1;2;999;31')).toEqual({ fg: 1 });
    expect(applySgr(plain, '58;5;1;32')).toEqual({ fg: 2 });
    expect(applySgr(plain, '5;8;53;31')).toEqual({ fg: 1 });
    expect(applySgr({ fg: 1 }, '38;9;1')).toEqual({ fg: 1 });
  });
});

describe('xterm256', () => {
  it('maps the colour cube and the greys', () => {
    expect(xterm256(16)).toBe('#000000');
    expect(xterm256(196)).toBe('#ff0000');
    expect(xterm256(208)).toBe('#ff8700');
    expect(xterm256(231)).toBe('#ffffff');
    expect(xterm256(232)).toBe('#080808');
    expect(xterm256(255)).toBe('#eeeeee');
  });
});

describe('AnsiLineCache', () => {
  it('parses a key once and stays bounded', () => {
    const cache = new AnsiLineCache<number>(2);
    const a = cache.get(1, `${E}[31ma`);
    expect(cache.get(1, `${E}[31ma`)).toBe(a);
    cache.get(2, 'b');
    cache.get(3, 'c');
    expect(cache.get(1, `${E}[31ma`)).not.toBe(a);
  });
});
