import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseAnsi } from './ansi.js';
import { ansiCss, AnsiLines, renderAnsi } from './ansi-text.js';

const E = '\x1b';
const html = (line: string, options?: Parameters<typeof renderAnsi>[1]) => renderToStaticMarkup(<>{renderAnsi(parseAnsi(line), options)}</>);

describe('ansiCss', () => {
  it('uses theme tokens for the 16 colours and the given colour otherwise', () => {
    expect(ansiCss({ fg: 1 })).toEqual({ color: 'var(--ansi-1)' });
    expect(ansiCss({ fg: 9, bg: 4 })).toEqual({ color: 'var(--ansi-9)', backgroundColor: 'var(--ansi-bg-4)' });
    expect(ansiCss({ fg: 196 })).toEqual({ color: '#ff0000' });
    expect(ansiCss({ fg: '#123456' })).toEqual({ color: '#123456' });
  });

  it('sets readable text on a background without a text colour', () => {
    expect(ansiCss({ bg: 1 })).toEqual({ color: 'var(--log-text)', backgroundColor: 'var(--ansi-bg-1)' });
    expect(ansiCss({ bg: 7 })).toEqual({ color: 'var(--log-bg)', backgroundColor: 'var(--ansi-bg-7)' });
    expect(ansiCss({ bg: '#ffff00' }).color).toBe('var(--log-bg)');
    expect(ansiCss({ bg: 17 }).color).toBe('var(--log-text)');
  });

  it('swaps colours for inverse, with the log colours as defaults', () => {
    expect(ansiCss({ inverse: true })).toEqual({ color: 'var(--log-bg)', backgroundColor: 'var(--log-text)' });
    expect(ansiCss({ inverse: true, fg: 2 })).toEqual({ color: 'var(--log-bg)', backgroundColor: 'var(--ansi-2)' });
    expect(ansiCss({ inverse: true, fg: 2, bg: 1 })).toEqual({ color: 'var(--ansi-bg-1)', backgroundColor: 'var(--ansi-2)' });
  });

  it('maps the attributes', () => {
    expect(ansiCss({ bold: true, dim: true, italic: true, underline: true, strike: true })).toEqual({
      fontWeight: 700,
      opacity: 0.8,
      fontStyle: 'italic',
      textDecorationLine: 'underline line-through',
    });
  });
});

describe('renderAnsi', () => {
  it('renders styled runs as spans and plain text as text', () => {
    expect(html(`${E}[31mred${E}[0m then plain`)).toBe('<span style="color:var(--ansi-1)">red</span> then plain');
  });

  it('puts search marks inside runs, split at run boundaries', () => {
    const out = html(`${E}[31mred${E}[0m redder`, { marks: [[1, 6]], markClassName: 'log-mark' });
    expect(out).toBe('<span style="color:var(--ansi-1)">r<mark class="log-mark">ed</mark></span><mark class="log-mark"> re</mark>dder');
  });

  it('cuts at the limit', () => {
    expect(html(`ab${E}[32mcdef${E}[0mgh`, { limit: 4 })).toBe('ab<span style="color:var(--ansi-2)">cd</span>');
  });

  it('starts at `from`, in a run or before one, with the marks where they fall', () => {
    expect(html(`ab${E}[32mcdef${E}[0mgh`, { from: 3, limit: 4 })).toBe('<span style="color:var(--ansi-2)">def</span>g');
    expect(html(`abc${E}[32mdef${E}[0mgh`, { from: 1, limit: 3, marks: [[2, 4]], markClassName: 'm' })).toBe('b<mark class="m">c</mark><span style="color:var(--ansi-2)"><mark class="m">d</mark></span>');
    expect(html(`${E}[31mab${E}[0mcdef`, { from: 4 })).toBe('ef');
  });
});

describe('AnsiLines', () => {
  it('joins lines without escapes as one text', () => {
    expect(renderToStaticMarkup(<AnsiLines lines={['a', 'b']} />)).toBe('a\nb');
  });

  it('renders lines with escapes styled, each on its own', () => {
    expect(renderToStaticMarkup(<AnsiLines lines={[`${E}[1mStep${E}[0m`, `${E}]0;t\x07plain`, 'x']} />)).toBe(
      '<span><span style="font-weight:700">Step</span>\n</span><span>plain\n</span><span>x</span>',
    );
  });
});
