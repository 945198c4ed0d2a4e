import { describe, expect, it } from 'vitest';
import { systemApi } from './system.js';

const messages = (args: unknown) => {
  const r = systemApi.cleanupPreview.args.safeParse(args);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('clean-up arguments', () => {
  it('refuses a bad label filter or no kinds with messages in sentence case', () => {
    expect(messages({ kinds: ['containers'], label: '=x' })).toEqual(['A label filter is "key" or "key=value"']);
    expect(messages({ kinds: ['containers'], label: 'k'.repeat(513) })).toEqual(['A label filter is at most 512 characters']);
    expect(messages({ kinds: [] })).toEqual(['Choose at least one kind to clean up']);
    expect(messages({ kinds: ['everything'] })[0]).toMatch(/^Each kind is one of containers, /);
    expect(messages({ kinds: ['containers'], label: 'team=web' })).toEqual([]);
  });
});
