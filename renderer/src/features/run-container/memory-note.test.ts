import { describe, expect, it } from 'vitest';
import { aboveEngineMemory } from './memory-note.js';

const GIB = 1024 ** 3;

describe('aboveEngineMemory', () => {
  it('says a limit above the engine’s memory limits nothing, typed or in bytes', () => {
    const note = 'More than the engine’s 23.5 GiB of memory: this limit never applies, as if there were none.';
    expect(aboveEngineMemory('100g', 23.5 * GIB)).toBe(note);
    expect(aboveEngineMemory(100 * GIB, 23.5 * GIB)).toBe(note);
  });

  it('says nothing for a limit within it, an empty or invalid field, or an engine that did not say', () => {
    expect(aboveEngineMemory('1g', 23.5 * GIB)).toBeUndefined();
    expect(aboveEngineMemory(23.5 * GIB, 23.5 * GIB)).toBeUndefined();
    expect(aboveEngineMemory('', 23.5 * GIB)).toBeUndefined();
    expect(aboveEngineMemory(undefined, 23.5 * GIB)).toBeUndefined();
    expect(aboveEngineMemory('lots', 23.5 * GIB)).toBeUndefined();
    expect(aboveEngineMemory('100g', 0)).toBeUndefined();
    expect(aboveEngineMemory('100g', undefined)).toBeUndefined();
  });
});
