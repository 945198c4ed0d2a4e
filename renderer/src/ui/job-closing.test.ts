import { describe, expect, it } from 'vitest';
import { jobClosingQuestion } from './job-closing.js';

describe('jobClosingQuestion: what closing a dialog with a job asks', () => {
  it('while the job runs, closing would stop it: the question and both answers say so', () => {
    expect(jobClosingQuestion('build', true, 'Discard this build’s settings?')).toEqual({
      discardQuestion: 'The build is still running. Stop it and close?',
      discardLabel: 'Stop build',
      keepLabel: 'Keep building',
    });
    expect(jobClosingQuestion('pull', true, 'x')).toMatchObject({ discardLabel: 'Stop pull', keepLabel: 'Keep pulling' });
    expect(jobClosingQuestion('push', true, 'x')).toMatchObject({ discardLabel: 'Stop push', keepLabel: 'Keep pushing' });
  });

  it('with no job running it asks about the form, with the default answers', () => {
    expect(jobClosingQuestion('pull', false, 'Discard the image reference you typed?')).toEqual({ discardQuestion: 'Discard the image reference you typed?' });
  });
});
