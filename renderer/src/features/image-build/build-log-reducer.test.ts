import { describe, expect, it } from 'vitest';
import type { BuildEvent } from '../../../../contract/models/image-build.js';
import { failedStep, idleLog, MAX_LINES_PER_STEP, reduceBuildLog, type BuildLog } from './build-log-reducer.js';

const run = (events: BuildEvent[], from: BuildLog = reduceBuildLog(idleLog, { type: 'start' })) => reduceBuildLog(from, { type: 'events', events });

describe('build log', () => {
  it('marks cached steps, finished steps and the result', () => {
    const log = run([
      { kind: 'step', index: 1, total: 3, instruction: 'FROM base' },
      { kind: 'step-done', step: 1, layerId: 'aaa' },
      { kind: 'step', index: 2, total: 3, instruction: 'RUN a' },
      { kind: 'cached', step: 2 },
      { kind: 'step-done', step: 2, layerId: 'bbb' },
      { kind: 'step', index: 3, total: 3, instruction: 'RUN b' },
      { kind: 'output', step: 3, text: 'hi' },
    ]);
    expect(log.steps.map((s) => s.status)).toEqual(['done', 'cached', 'running']);
    expect(log.steps[2]!.output).toEqual(['hi']);
    const done = run([{ kind: 'done', imageId: 'sha256:x', tags: ['t:1'] }], log);
    expect(done.phase).toBe('done');
    expect(done.steps[2]!.status).toBe('done');
    expect(done.result).toEqual({ imageId: 'sha256:x', tags: ['t:1'] });
  });

  it('marks the failing step and keeps the failure', () => {
    const log = run([
      { kind: 'step', index: 1, total: 2, instruction: 'RUN exit 3' },
      { kind: 'output', step: 1, text: 'oops' },
      { kind: 'failed', message: 'returned a non-zero code: 3', step: 1, instruction: 'RUN exit 3', exitCode: 3 },
    ]);
    expect(log.phase).toBe('failed');
    expect(failedStep(log)).toMatchObject({ status: 'failed', output: ['oops'] });
  });

  it('a change of the inputs (or a new attempt) clears the last failure, never a running build or a result', () => {
    const failed = reduceBuildLog(reduceBuildLog(idleLog, { type: 'start' }), { type: 'error', message: 'Dockerfile nope does not exist in the context folder' });
    const edited = reduceBuildLog(failed, { type: 'inputs-changed' });
    expect(edited.failure).toBeUndefined();
    expect(edited.phase).toBe('failed');
    expect(reduceBuildLog(edited, { type: 'inputs-changed' })).toBe(edited);
    const running = run([{ kind: 'step', index: 1, total: 1, instruction: 'RUN sleep 9' }]);
    expect(reduceBuildLog(running, { type: 'inputs-changed' })).toBe(running);
    const done = run([{ kind: 'done', imageId: 'sha256:x', tags: [] }]);
    expect(reduceBuildLog(done, { type: 'inputs-changed' })).toBe(done);
  });

  it('another context folder clears the last build: its result, steps and context size were of the old folder', () => {
    const done = run([
      { kind: 'context', files: 3, bytes: 120, done: true },
      { kind: 'step', index: 1, total: 1, instruction: 'FROM base' },
      { kind: 'done', imageId: 'sha256:x', tags: ['t:1'] },
    ]);
    expect(reduceBuildLog(done, { type: 'context-changed' })).toEqual(idleLog);
    const failed = reduceBuildLog(reduceBuildLog(idleLog, { type: 'start' }), { type: 'error', message: 'boom' });
    expect(reduceBuildLog(failed, { type: 'context-changed' })).toEqual(idleLog);
    // A running build is not touched (the form is disabled while it runs); nothing to clear when idle.
    const running = run([{ kind: 'step', index: 1, total: 1, instruction: 'RUN sleep 9' }]);
    expect(reduceBuildLog(running, { type: 'context-changed' })).toBe(running);
    expect(reduceBuildLog(idleLog, { type: 'context-changed' })).toBe(idleLog);
  });

  it('bounds the output kept per step and counts what it let go', () => {
    const lines: BuildEvent[] = Array.from({ length: MAX_LINES_PER_STEP + 25 }, (_, i) => ({ kind: 'output', step: 1, text: `l${i}` }));
    const log = run([{ kind: 'step', index: 1, total: 1, instruction: 'RUN noisy' }, ...lines]);
    expect(log.steps[0]!.output).toHaveLength(MAX_LINES_PER_STEP);
    expect(log.steps[0]!.dropped).toBe(25);
    expect(log.steps[0]!.output.at(-1)).toBe(`l${MAX_LINES_PER_STEP + 24}`);
  });

  it('cancel marks the running step cancelled, not failed; a stream error becomes the failure', () => {
    const running = run([
      { kind: 'step', index: 1, total: 2, instruction: 'FROM base' },
      { kind: 'step', index: 2, total: 2, instruction: 'RUN sleep 9' },
    ]);
    expect(reduceBuildLog(running, { type: 'cancelled' })).toMatchObject({ phase: 'cancelled', steps: [{ status: 'done' }, { status: 'cancelled' }] });
    expect(reduceBuildLog(running, { type: 'error', message: 'lost' }).steps.map((s) => s.status)).toEqual(['done', 'failed']);
    expect(reduceBuildLog(running, { type: 'error', message: 'The context folder /x does not exist' })).toMatchObject({
      phase: 'failed',
      failure: { message: 'The context folder /x does not exist' },
    });
  });
});
