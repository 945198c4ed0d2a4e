import { describe, expect, it } from 'vitest';
import { splitShellWords } from './shell-words.js';

describe('splitShellWords', () => {
  it('splits on whitespace and keeps quoted parts together', () => {
    expect(splitShellWords('  ls   -la /tmp ')).toEqual(['ls', '-la', '/tmp']);
    expect(splitShellWords(`sh -c 'echo "hi there"; exit 3'`)).toEqual(['sh', '-c', 'echo "hi there"; exit 3']);
    expect(splitShellWords(`echo "a \\"b\\" c" d\\ e ''`)).toEqual(['echo', 'a "b" c', 'd e', '']);
  });

  it('says which quote is unterminated', () => {
    expect(() => splitShellWords(`sh -c 'oops`)).toThrow('unterminated single quote');
    expect(() => splitShellWords(`echo "x`)).toThrow('unterminated double quote');
  });

  it('gives nothing for an empty line', () => {
    expect(splitShellWords('   ')).toEqual([]);
  });
});
