import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** How a user tries to close a dialog: the Escape key, its Cancel button or its ✕ (Close). */
export type Dismissal = 'Escape' | 'Cancel' | 'Close';

/** Whether the locator's element has the focus. */
export function hasFocus(l: Locator): Promise<boolean> {
  return l.evaluate((el) => el === document.activeElement);
}

/** A dialog that asks `question` (a group inside it) before it throws away what was typed or chosen. */
export interface GuardedDialog {
  dialog: Locator;
  /** The question, with Keep editing and Discard. */
  ask: Locator;
  /** Nothing to lose: the dialog closes at once, without asking. */
  closesAtOnce(how: Dismissal): Promise<void>;
  /** Something to lose: the question shows. */
  asks(how: Dismissal): Promise<void>;
  /** Keep editing: the question goes, the dialog stays. */
  keepEditing(): Promise<void>;
  /** Discard: the dialog closes. */
  discard(): Promise<void>;
}

export function guardedDialog(page: Page, name: string, question: string): GuardedDialog {
  const dialog = page.getByRole('dialog', { name });
  const ask = dialog.getByRole('group', { name: question });
  const dismiss = (how: Dismissal) => (how === 'Escape' ? page.keyboard.press('Escape') : dialog.getByRole('button', { name: how }).click());
  const closed = () => expect.poll(() => dialog.count()).toBe(0);
  return {
    dialog,
    ask,
    async closesAtOnce(how) {
      await dismiss(how);
      await closed();
    },
    async asks(how) {
      await dismiss(how);
      await ask.waitFor();
    },
    async keepEditing() {
      await ask.getByRole('button', { name: 'Keep editing' }).click();
      await expect.poll(() => ask.count()).toBe(0);
    },
    async discard() {
      await ask.getByRole('button', { name: 'Discard' }).click();
      await closed();
    },
  };
}
