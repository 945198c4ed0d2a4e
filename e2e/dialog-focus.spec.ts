import { describe, expect, it } from 'vitest';
import { useAppSession } from './support/session.js';

/** Every dialog gives the focus back to what opened it, also one whose field takes the focus itself (autoFocus). */
describe('dialog focus', () => {
  const app = useAppSession('berth-e2e-dialog-focus');

  it('the Build dialog (its first field has autoFocus) gives the focus back to the Build button, on Escape and on ✕', async () => {
    const { page } = app;
    await page.evaluate(() => (location.hash = '#/images'));
    const build = page.getByRole('main').getByRole('button', { name: 'Build', exact: true });
    const dialog = page.getByRole('dialog', { name: 'Build an image' });
    const buildHasFocus = () => build.evaluate((el) => el === document.activeElement);

    await build.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await buildHasFocus()).toBe(false);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await buildHasFocus()).toBe(true);

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /close/i }).first().click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await buildHasFocus()).toBe(true);
    expect(app.errors).toEqual([]);
  });
});
