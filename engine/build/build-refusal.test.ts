import { describe, expect, it } from 'vitest';
import { buildRefusalMessage } from './build-refusal.js';

describe('buildRefusalMessage', () => {
  it('an unknown target stage names the field to correct (engine: "failed to reach build target … in Dockerfile")', () => {
    expect(buildRefusalMessage('failed to reach build target nosuch in Dockerfile')).toBe(
      'The Dockerfile has no stage named "nosuch": correct the Target stage, or leave it empty to build the last stage (stages are named with FROM … AS name)',
    );
  });
  it('keeps other refusals as the engine said them', () => {
    expect(buildRefusalMessage('dockerfile parse error line 2: unknown instruction: RUNN')).toBe('dockerfile parse error line 2: unknown instruction: RUNN');
  });
});
