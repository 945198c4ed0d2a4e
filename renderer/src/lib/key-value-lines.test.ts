import { describe, expect, it } from 'vitest';
import { parseKeyValueLines } from './key-value-lines.js';

describe('parseKeyValueLines', () => {
  it('reads trimmed pairs, skips blank lines, keeps "=" inside a value', () => {
    expect(parseKeyValueLines('a=1\n\n b = x=y \nempty=', 'Labels')).toEqual({ value: { a: '1', b: 'x=y', empty: '' } });
  });

  it('names the field and the line of the first bad one', () => {
    expect(parseKeyValueLines('a=1\nnope', 'Labels')).toEqual({ error: 'Labels, line 2: "nope" must be KEY=VALUE' });
    expect(parseKeyValueLines('=1', 'Driver options')).toEqual({ error: 'Driver options, line 1: "=1" has no name before "="' });
    expect(parseKeyValueLines('a=1\n\na=2', 'Labels')).toEqual({ error: 'Labels, line 3: "a" is given twice (first on line 1)' });
  });
});
