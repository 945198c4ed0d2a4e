import { describe, expect, it } from 'vitest';
import { aboveEngineMemory } from './resources-panel.js';

const GIB = 1024 ** 3;

describe('aboveEngineMemory', () => {
  it('says a limit above the engine’s memory limits nothing', () => {
    expect(aboveEngineMemory(100 * GIB, 23.5 * GIB)).toBe('More than the engine’s 23.5 GiB of memory: this limit never applies, as if there were none.');
  });

  it('says nothing for a limit within the engine’s memory, no limit, or an engine that did not say', () => {
    expect(aboveEngineMemory(GIB, 23.5 * GIB)).toBeUndefined();
    expect(aboveEngineMemory(23.5 * GIB, 23.5 * GIB)).toBeUndefined();
    expect(aboveEngineMemory(undefined, 23.5 * GIB)).toBeUndefined();
    expect(aboveEngineMemory(100 * GIB, 0)).toBeUndefined();
  });
});
