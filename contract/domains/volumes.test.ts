import { describe, expect, it } from 'vitest';
import { createVolumeSchema, volumeNameSchema } from './volumes.js';

const issues = (input: unknown) => {
  const r = createVolumeSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('volume schemas', () => {
  it('accepts a volume as the engine does, with defaults', () => {
    expect(createVolumeSchema.parse({})).toEqual({ name: '', driver: 'local', options: {}, labels: {} });
    expect(createVolumeSchema.parse({ name: ' db_1.x ', labels: { a: 'b' }, options: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' } }).name).toBe('db_1.x');
  });

  it('says what is wrong with each field', () => {
    expect(issues({ name: '-x' })).toEqual(['name: must start with a letter or a digit']);
    expect(issues({ name: 'a' })).toEqual(['name: must be at least 2 characters']);
    // Before: 'must be at least 2 characters, only letters…' for a long name with a space in it.
    expect(issues({ name: 'my data/ü' })).toEqual(['name: cannot contain spaces, "/" or "ü": use only letters, digits, "_", "." and "-"']);
    expect(volumeNameSchema.safeParse('old data').error?.issues[0]?.message).toBe('cannot contain spaces: use only letters, digits, "_", "." and "-"');
    expect(issues({ driver: '' })).toEqual(['driver: a driver is required (local is the engine’s own)']);
    expect(issues({ options: { size: '1' } })).toEqual(['options: the local driver accepts only type, device, o (not size)']);
    expect(issues({ options: { device: '/dev/sdb' } })).toEqual(['options: a device needs a type too (e.g. type=none with o=bind, or type=nfs)']);
    expect(issues({ labels: { 'a b': 'x' } })).toEqual(['labels.a b: label names must not contain "=" or spaces']);
    expect(issues({ driver: 'rexray/ebs', options: { size: '1' } })).toEqual([]);
    expect(volumeNameSchema.safeParse('').error?.issues[0]?.message).toBe('a volume name is required');
  });
});
