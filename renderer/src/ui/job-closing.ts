import type { ModalProps } from './modal.js';

/** The kinds of long job a dialog can run, each a verb that takes -ing: build → building. */
export type DialogJob = 'build' | 'pull' | 'push';

/**
 * The discard question of a dialog that runs a job: while `running` it is closing that would stop
 * the job ("The build is still running. Stop it and close?", answered Stop build or Keep building);
 * otherwise `formQuestion` about what was typed, with the Modal's default answers.
 */
export function jobClosingQuestion(job: DialogJob, running: boolean, formQuestion: string): Pick<ModalProps, 'discardQuestion' | 'discardLabel' | 'keepLabel'> {
  if (!running) return { discardQuestion: formQuestion };
  return {
    discardQuestion: `The ${job} is still running. Stop it and close?`,
    discardLabel: `Stop ${job}`,
    keepLabel: `Keep ${job}ing`,
  };
}
