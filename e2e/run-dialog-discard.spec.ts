import { describe, expect, it } from 'vitest';
import { useAppSession } from './support/session.js';

/** The Run dialog closes at once when untouched, and asks before Escape, Cancel or ✕ throw away what was typed. */
describe('run dialog: discard what was typed only when asked', () => {
  const app = useAppSession('berth-e2e-run-discard');
  const question = 'Discard this container’s settings?';

  it('Escape on an untouched form closes it; on a typed one it asks, and Keep editing keeps it', async () => {
    const { page } = app;
    const open = page.getByRole('main').getByRole('button', { name: 'Run a container' });
    const dialog = page.getByRole('dialog', { name: 'Run a container' });
    const ask = dialog.getByRole('group', { name: question });
    const name = dialog.getByLabel('Name', { exact: true });
    const hasFocus = (l: typeof open) => l.evaluate((el) => el === document.activeElement);

    // Untouched: Escape closes at once, without a question.
    await open.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    // Typed: Escape asks inside the dialog, which stays open with what was typed; Keep editing has the focus.
    await open.click();
    await dialog.waitFor();
    await name.fill('keep-me');
    await page.keyboard.press('Escape');
    await ask.waitFor();
    expect(await name.inputValue()).toBe('keep-me');
    expect(await hasFocus(ask.getByRole('button', { name: 'Keep editing' }))).toBe(true);
    // The footer (Run, Cancel) makes way for the question.
    expect(await dialog.getByRole('button', { name: 'Run', exact: true }).isVisible()).toBe(false);

    // Keep editing: the question goes, the form and its focus are as they were.
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await expect.poll(() => ask.count()).toBe(0);
    expect(await dialog.count()).toBe(1);
    expect(await name.inputValue()).toBe('keep-me');
    expect(await hasFocus(name)).toBe(true);

    // Cancel asks too, and Escape on the question answers Keep editing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => ask.count()).toBe(0);
    expect(await dialog.count()).toBe(1);
    expect(await name.inputValue()).toBe('keep-me');

    // Escape again, then Discard: the dialog closes and the focus goes back to what opened it.
    await page.keyboard.press('Escape');
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await hasFocus(open)).toBe(true);

    // The next opening starts from a fresh form, so it closes at once again (the ✕ too).
    await open.click();
    await dialog.waitFor();
    expect(await name.inputValue()).toBe('');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it('the ✕ asks on a typed form, and Discard closes it', async () => {
    const { page } = app;
    const dialog = page.getByRole('dialog', { name: 'Run a container' });
    const ask = dialog.getByRole('group', { name: question });
    await page.getByRole('main').getByRole('button', { name: 'Run a container' }).click();
    await dialog.waitFor();
    await dialog.getByLabel('Environment').fill('GREETING=hi');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await ask.waitFor();
    expect(await dialog.getByLabel('Environment').inputValue()).toBe('GREETING=hi');
    await ask.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it('the Create volume and Create network dialogs ask the same way once something was typed', async () => {
    const { page, berth } = app;
    for (const c of [
      { hash: '#/volumes', open: 'Create volume', title: 'Create a volume', question: 'Discard this volume’s settings?' },
      { hash: '#/networks', open: 'Create network…', title: 'Create a network', question: 'Discard this network’s settings?' },
    ]) {
      await page.goto(`${berth.url}${c.hash}`);
      const dialog = page.getByRole('dialog', { name: c.title });
      const ask = dialog.getByRole('group', { name: c.question });
      // Untouched: Cancel closes at once.
      await page.getByRole('button', { name: c.open, exact: true }).click();
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => dialog.count()).toBe(0);
      // Typed: Escape asks; Keep editing keeps the name; Cancel asks again; Discard closes.
      await page.getByRole('button', { name: c.open, exact: true }).click();
      const name = dialog.getByLabel('Name', { exact: true });
      await name.fill('typed-name');
      await page.keyboard.press('Escape');
      await ask.waitFor();
      await ask.getByRole('button', { name: 'Keep editing' }).click();
      expect(await name.inputValue()).toBe('typed-name');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await ask.waitFor();
      await ask.getByRole('button', { name: 'Discard' }).click();
      await expect.poll(() => dialog.count()).toBe(0);
    }
    expect(app.errors).toEqual([]);
  });
});
