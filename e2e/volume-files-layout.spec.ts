import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { closeSession, openSession, type AppSession } from './support/session.js';

const vol = uniqueName('berth-e2e-vfiles');

describe('Volume Files: each row’s Download and Delete, in both themes', () => {
  let app: AppSession;

  beforeAll(async () => {
    await docker('run', '--rm', '--network', 'none', '-v', `${vol}:/v`, testImage, 'sh', '-c', 'echo x > /v/a.txt');
    app = await openSession(`#/volumes/${vol}`, (page) => page.getByRole('table', { name: 'Files' }).getByRole('row', { name: 'a.txt' }).waitFor());
  });

  afterAll(async () => {
    expect(await closeSession(app)).toBe(0);
    await docker('volume', 'rm', vol).catch(() => undefined);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`draws them as the container Files tab does: small square icon buttons side by side, no button face (${scheme})`, async () => {
      const { page } = app;
      await page.emulateMedia({ colorScheme: scheme });
      const row = page.getByRole('table', { name: 'Files' }).getByRole('row', { name: 'a.txt' });
      const look = (el: Element) => {
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return { width: r.width, height: r.height, top: r.top, background: s.backgroundColor, border: s.borderTopColor };
      };
      // Before: the table's icon-button rules were scoped to the container Files tab, so here the
      // buttons were browser buttons (grey faces, the two of different sizes and heights).
      const download = await row.getByRole('button', { name: 'Download a.txt' }).evaluate(look);
      const remove = await row.getByRole('button', { name: 'Delete a.txt' }).evaluate(look);
      expect(download).toMatchObject({ width: 28, height: 28, background: 'rgba(0, 0, 0, 0)', border: 'rgba(0, 0, 0, 0)' });
      expect(remove).toEqual(download);
      expect(app.errors).toEqual([]);
    });
  }
});
