import { describe, expect, it } from 'vitest';
import { createVolumeSchema, volumeNameSchema } from '../../../contract/domains/volumes.js';
import { fieldMessage } from './field-message.js';

describe('fieldMessage', () => {
  it('lets a message that goes on from the field follow its name', () => {
    expect(fieldMessage('The name', 'is too long (at most 255 characters)')).toBe('The name is too long (at most 255 characters)');
    expect(fieldMessage('The name', 'must start with a letter or a digit')).toBe('The name must start with a letter or a digit');
  });

  it('lets a whole clause stand alone, capitalised, instead of gluing the field’s name to it', () => {
    expect(fieldMessage('Driver options', 'the local driver accepts only type, device, o (not foo)')).toBe('The local driver accepts only type, device, o (not foo)');
    expect(fieldMessage('The driver', 'a driver is required (local is the engine’s own)')).toBe('A driver is required (local is the engine’s own)');
  });

  it('reads as a sentence for every message the volume schemas give', () => {
    const messages = [
      ...(volumeNameSchema.safeParse('').error?.issues ?? []),
      ...(createVolumeSchema.safeParse({ name: '', driver: '', options: {}, labels: {} }).error?.issues ?? []),
      ...(createVolumeSchema.safeParse({ name: '', driver: 'local', options: { foo: 'x' }, labels: {} }).error?.issues ?? []),
      ...(createVolumeSchema.safeParse({ name: '', driver: 'local', options: { device: 'x' }, labels: {} }).error?.issues ?? []),
    ].map((i) => fieldMessage('The field', i.message));
    expect(messages.length).toBeGreaterThanOrEqual(4);
    for (const m of messages) expect(m).toMatch(/^(The field (is|must) |[A-Z])/);
    expect(messages).not.toContainEqual(expect.stringMatching(/^The field [a-z]+ [a-z]+ (is|accepts|needs) /));
  });
});
