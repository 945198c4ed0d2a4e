import { describe, expect, it } from 'vitest';
import { guardedDialog, hasFocus } from './support/guarded-dialog.js';
import { useAppSession } from './support/session.js';

/** The Run dialog closes at once when untouched, and asks before Escape, Cancel or ✕ throw away what was typed. */
describe('run dialog: discard what was typed only when asked', () => {
  const app = useAppSession('berth-e2e-run-discard');
  const runDialog = () => guardedDialog(app.page, 'Run a container', 'Discard this container’s settings?');
  const openButton = () => app.page.getByRole('main').getByRole('button', { name: 'Run a container' });

  it('Escape on an untouched form closes it; on a typed one it asks, and Keep editing keeps it', async () => {
    const { page } = app;
    const open = openButton();
    const run = runDialog();
    const { dialog } = run;
    const name = dialog.getByLabel('Name', { exact: true });

    // Untouched: Escape closes at once, without a question.
    await open.click();
    await dialog.waitFor();
    await run.closesAtOnce('Escape');

    // Typed: Escape asks inside the dialog, which stays open with what was typed; Keep editing has the focus.
    await open.click();
    await dialog.waitFor();
    await name.fill('keep-me');
    await run.asks('Escape');
    expect(await name.inputValue()).toBe('keep-me');
    expect(await hasFocus(run.ask.getByRole('button', { name: 'Keep editing' }))).toBe(true);
    // The footer (Run, Cancel) makes way for the question.
    expect(await dialog.getByRole('button', { name: 'Run', exact: true }).isVisible()).toBe(false);

    // Keep editing: the question goes, the form and its focus are as they were.
    await run.keepEditing();
    expect(await dialog.count()).toBe(1);
    expect(await name.inputValue()).toBe('keep-me');
    expect(await hasFocus(name)).toBe(true);

    // Cancel asks too, and Escape on the question answers Keep editing.
    await run.asks('Cancel');
    await page.keyboard.press('Escape');
    await expect.poll(() => run.ask.count()).toBe(0);
    expect(await dialog.count()).toBe(1);
    expect(await name.inputValue()).toBe('keep-me');

    // Escape again, then Discard: the dialog closes and the focus goes back to what opened it.
    await run.asks('Escape');
    await run.discard();
    expect(await hasFocus(open)).toBe(true);

    // The next opening starts from a fresh form, so it closes at once again (the ✕ too).
    await open.click();
    await dialog.waitFor();
    expect(await name.inputValue()).toBe('');
    await run.closesAtOnce('Close');
    expect(app.errors).toEqual([]);
  });

  it('the ✕ asks on a typed form, and Discard closes it', async () => {
    const run = runDialog();
    await openButton().click();
    await run.dialog.waitFor();
    await run.dialog.getByLabel('Environment').fill('GREETING=hi');
    await run.asks('Close');
    expect(await run.dialog.getByLabel('Environment').inputValue()).toBe('GREETING=hi');
    await run.discard();
    expect(app.errors).toEqual([]);
  });

  it('the Create volume and Create network dialogs ask the same way once something was typed', async () => {
    const { page, berth } = app;
    for (const c of [
      { hash: '#/volumes', open: 'Create volume', title: 'Create a volume', question: 'Discard this volume’s settings?' },
      { hash: '#/networks', open: 'Create network…', title: 'Create a network', question: 'Discard this network’s settings?' },
    ]) {
      await page.goto(`${berth.url}${c.hash}`);
      const create = guardedDialog(page, c.title, c.question);
      // Untouched: Cancel closes at once.
      await page.getByRole('button', { name: c.open, exact: true }).click();
      await create.dialog.waitFor();
      await create.closesAtOnce('Cancel');
      // Typed: Escape asks; Keep editing keeps the name; Cancel asks again; Discard closes.
      await page.getByRole('button', { name: c.open, exact: true }).click();
      const name = create.dialog.getByLabel('Name', { exact: true });
      await name.fill('typed-name');
      await create.asks('Escape');
      await create.ask.getByRole('button', { name: 'Keep editing' }).click();
      expect(await name.inputValue()).toBe('typed-name');
      await create.asks('Cancel');
      await create.discard();
    }
    expect(app.errors).toEqual([]);
  });
});
