import { describe, expect, it } from 'vitest';
import { runWarningsNotice } from './run-warnings.js';

describe('runWarningsNotice', () => {
  it('a run the engine warned about leaves a notice on the details page, kept until dismissed', () => {
    expect(runWarningsNotice({ name: 'web', warnings: ['Published ports are discarded when using host network mode'] })).toEqual({
      tone: 'warning',
      title: 'Started web, with a warning from the engine',
      failures: [{ name: 'Warning', message: 'Published ports are discarded when using host network mode' }],
      scope: 'details',
    });
    expect(runWarningsNotice({ name: 'web', warnings: ['a', ' ', 'b'] })?.title).toBe('Started web, with 2 warnings from the engine');
  });

  it('no notice when the engine said nothing', () => {
    expect(runWarningsNotice({ name: 'web', warnings: [] })).toBeUndefined();
    expect(runWarningsNotice({ name: 'web', warnings: [''] })).toBeUndefined();
  });
});
