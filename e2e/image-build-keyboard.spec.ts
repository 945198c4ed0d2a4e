import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uniqueName } from './support/docker-cli.js';
import { removeImages } from './support/images-fixtures.js';
import { tableShown, useSession } from './support/session.js';

const fixtures = resolve(__dirname, 'fixtures/build');
const tag = `${uniqueName('berth-e2e-buildkb')}:1`;

/** What has the focus: its accessible label, or its text for a button. */
const focused = () => {
  const el = document.activeElement;
  if (!el || el === document.body) return 'the page';
  return el.closest('label')?.querySelector('span')?.textContent ?? el.textContent?.trim() ?? el.tagName;
};

/** The build disables its form while it runs, which drops the focus to the page: it comes back at the end. */
describe('build dialog, by keyboard', () => {
  const app = useSession({ hash: '#/images', ready: tableShown('Images'), cleanup: () => removeImages(tag) });

  it('Enter in the context field builds; the focus is back in that field when the build ends, then on Build again', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Build an image' });
    await dialog.getByLabel('Tags').fill(tag);
    await dialog.getByLabel('Context folder').fill(resolve(fixtures, 'two-stage'));
    await dialog.getByLabel('Context folder').press('Enter');
    await expect.poll(() => dialog.getByRole('status').innerText(), { timeout: 60_000 }).toMatch(/^Built [0-9a-f]{12} tagged /);
    await expect.poll(() => page.evaluate(focused)).toBe('Context folder');

    await dialog.getByRole('button', { name: 'Build again' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('status').innerText(), { timeout: 60_000 }).toMatch(/steps? from cache\)/);
    await expect.poll(() => page.evaluate(focused)).toBe('Build again');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(app.errors).toEqual([]);
  });
});
