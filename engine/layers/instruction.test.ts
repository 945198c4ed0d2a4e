import { describe, expect, it } from 'vitest';
import { importedStep, instructionOf } from './instruction.js';

describe('instruction wording', () => {
  it('names the instruction a user wrote', () => {
    expect(instructionOf('/bin/sh -c #(nop)  CMD ["sh"]')).toBe('CMD ["sh"]');
    expect(instructionOf('/bin/sh -c echo hi')).toBe('RUN echo hi');
  });

  it('says an imported base layer was a docker import, not the engine\'s "Imported from -"', () => {
    expect(importedStep('', 'Imported from -')).toBe('Imported (docker import)');
    expect(importedStep(undefined, 'Imported from http://example.test/rootfs.tar')).toBe('Imported from http://example.test/rootfs.tar (docker import)');
    expect(importedStep('/bin/sh -c true', 'Imported from -')).toBeUndefined();
    expect(importedStep('', 'a comment')).toBeUndefined();
    expect(importedStep('', undefined)).toBeUndefined();
  });
});
