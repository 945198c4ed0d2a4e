import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { closeSession, openSession, type AppSession } from './support/session.js';

const vol = uniqueName('berth-e2e-rblayout');

describe('Recently removed: the volumes section, in both themes', () => {
  let app: AppSession;

  beforeAll(async () => {
    await docker('run', '--rm', '--network', 'none', '-v', `${vol}:/v`, testImage, 'sh', '-c', 'echo kept > /v/a.txt');
    app = await openSession('#/volumes', (page) => page.getByRole('table', { name: 'Volumes' }).waitFor());
    // Removed through Berth: a copy is kept, and listed under Recently removed.
    await app.page.getByRole('row', { name: new RegExp(vol) }).getByRole('button', { name: /Remove/ }).click();
    const ask = app.page.getByRole('alertdialog', { name: `Remove volume ${vol}?` });
    await ask.getByText('A copy of its content is kept').waitFor();
    await ask.getByRole('button', { name: 'Remove', exact: true }).click();
    await ask.waitFor({ state: 'detached' });
  });

  afterAll(async () => {
    const { page } = app;
    await page.getByRole('button', { name: `Delete the copy of volume ${vol}` }).click();
    await page.getByRole('dialog', { name: `Delete the copy of ${vol}?` }).getByRole('button', { name: 'Delete permanently' }).click();
    await page.getByRole('listitem', { name: `volume ${vol}` }).waitFor({ state: 'detached' });
    expect(await closeSession(app)).toBe(0);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`sets the volumes apart from the containers and draws the limit field as the theme's field (${scheme})`, async () => {
      const { page, berth } = app;
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${berth.url}#/containers/recently-removed`);
      await page.getByRole('listitem', { name: `volume ${vol}` }).waitFor();
      const section = page.getByRole('region', { name: 'Recently removed volumes' });
      // A section of its own: space above it, not glued to the containers' last card or notice.
      const gap = await section.evaluate((el) => el.getBoundingClientRect().top - el.previousElementSibling!.getBoundingClientRect().bottom);
      expect(gap).toBeGreaterThanOrEqual(24);
      // The limit field looks like the containers' "Keep for" field: same background, border and text colours.
      const look = (el: Element) => {
        const s = getComputedStyle(el);
        return { background: s.backgroundColor, border: s.borderTopColor, color: s.color, radius: s.borderTopLeftRadius };
      };
      const limit = await page.getByLabel('Keep removed volumes up to (MiB)').evaluate(look);
      const keepFor = await page.getByRole('combobox', { name: 'Keep for' }).evaluate(look);
      expect(limit).toEqual(keepFor);
      // Its label is muted like "Keep for"'s.
      const labelColor = (text: string) => page.getByText(text, { exact: true }).evaluate((el) => getComputedStyle(el).color);
      expect(await labelColor('Keep removed volumes up to (MiB)')).toBe(await labelColor('Keep for'));
      expect(app.errors).toEqual([]);
    });
  }
});
