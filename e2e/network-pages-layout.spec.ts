import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';
import { closeSession, openSession, type AppSession } from './support/session.js';

const prefix = 'berth-e2e-netlayout';
const ctr = uniqueName(prefix);
// Long names side by side on the map, one of wide letters.
const nets = [`${prefix}-${'w'.repeat(12)}`, `${prefix}-front`, `${prefix}-${'m'.repeat(6)}_back`];

async function removeNetworks(): Promise<void> {
  const ids = (await docker('network', 'ls', '-q', '--filter', `name=${prefix}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('network', 'rm', ...ids).catch(() => undefined);
}

describe('network pages on a fresh load: the details’ facts and the map’s names', () => {
  let app: AppSession;

  beforeAll(async () => {
    await docker('run', '-d', '--name', ctr, testImage, 'sleep', '600');
    for (const n of nets) {
      await docker('network', 'create', '--label', 'team=web', n);
      await docker('network', 'connect', n, ctr);
    }
    // Loaded straight at the details: the container details page (whose chunk held the .kv grid) never came.
    app = await openSession(`#/networks/${nets[0]}`, (page) => page.getByRole('heading', { name: nets[0] }).waitFor());
  });

  afterAll(async () => {
    expect(await closeSession(app)).toBe(0);
    await removeContainers(prefix);
    await removeNetworks();
  });

  it('lays the facts out as label and value on one line each', async () => {
    const { page } = app;
    const facts = page.locator('dl.kv');
    expect(await facts.evaluate((el) => getComputedStyle(el).display)).toBe('grid');
    const dt = facts.locator('dt', { hasText: 'Labels' });
    const dd = facts.locator('dt:has-text("Labels") + dd');
    expect(await dd.innerText()).toBe('team=web');
    const [a, b] = [await dt.boundingBox(), await dd.boundingBox()];
    expect(Math.abs(a!.y - b!.y)).toBeLessThan(4);
    expect(b!.x).toBeGreaterThan(a!.x + a!.width);
    // The date as a volume's page and every other page write it ("Dec 7, 2026, 7:02:39 AM"), not "12/7/2026, 7:02:39 AM".
    expect(await facts.locator('dt:has-text("Created") + dd').innerText()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2}\s[AP]M$/);
    expect(app.errors).toEqual([]);
  });

  it('cuts each network’s name on the map to its column, so neighbours never run into each other', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Map' }).click();
    const map = page.getByRole('group', { name: 'Network map' });
    await map.getByRole('link', { name: `Network ${nets[0]}, 1 container` }).waitFor();
    // The headers' names, in order left to right, with their boxes.
    const boxes = await map.locator('a text.net-map__bus-name').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { text: el.textContent ?? '', left: r.left, right: r.right };
      }),
    );
    expect(boxes.length).toBeGreaterThanOrEqual(3);
    boxes.sort((p, q) => p.left - q.left);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.left, `${boxes[i - 1]!.text} runs into ${boxes[i]!.text}`).toBeGreaterThan(boxes[i - 1]!.right);
    // Cut names end in an ellipsis; the full name stays the link's title.
    const wide = map.getByRole('link', { name: `Network ${nets[0]}, 1 container` });
    expect(await wide.locator('text.net-map__bus-name').textContent()).toMatch(/…$/);
    expect(await wide.locator('title').textContent()).toBe(nets[0]);
    expect(app.errors).toEqual([]);
  });
});
