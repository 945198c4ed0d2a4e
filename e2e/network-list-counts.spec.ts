import { describe, expect, it } from 'vitest';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';
import { useSession } from './support/session.js';

const prefix = 'berth-e2e-netcount';
const net = uniqueName(prefix);
const ctr = uniqueName(`${prefix}-ctr`);

describe('networks list: counts of what the search shows; aliases sent once each', () => {
  const app = useSession({
    hash: '#/networks',
    ready: (page) => page.getByRole('table', { name: 'Networks' }).waitFor(),
    setup: async () => {
      await docker('network', 'create', net);
      await docker('run', '-d', '--name', ctr, testImage, 'sleep', '600');
    },
    cleanup: async () => {
      await removeContainers(prefix);
      await docker('network', 'rm', net).catch(() => undefined);
    },
  });

  const counts = () => app.page.locator('.counts').innerText();

  it('with a search on, the counts say how many of all the networks are shown, and count only those', async () => {
    const all = await counts();
    const total = Number(/^(\d+) networks?/.exec(all)?.[1]);
    expect(total).toBeGreaterThanOrEqual(4);
    const search = app.page.getByRole('searchbox', { name: 'Search networks' });
    await search.fill(net);
    await app.page.getByRole('row', { name: new RegExp(`^${net}\\b`) }).waitFor();
    await expect.poll(counts).toMatch(new RegExp(`^1 of ${total} networks shown\\s+1 yours$`));
    await search.fill('bridge');
    // The engine's own "bridge" is shown, and none of the user's networks named otherwise.
    await expect.poll(counts).toMatch(/^\d+ of \d+ networks shown\s+\d+ yours$/);
    await search.fill('');
    await expect.poll(counts).toBe(all);
  });

  it('an alias typed twice (in any case) is sent once', async () => {
    const search = app.page.getByRole('searchbox', { name: 'Search networks' });
    await search.fill(net);
    await app.page.getByRole('button', { name: `Connect a container to ${net}` }).click();
    const d = app.page.getByRole('dialog', { name: `Connect a container to ${net}` });
    await d.getByRole('combobox', { name: 'Container' }).selectOption({ label: `${ctr} (running)` });
    await d.getByLabel('Aliases', { exact: true }).fill('web, Web api web');
    await d.getByRole('button', { name: 'Connect', exact: true }).click();
    await d.waitFor({ state: 'detached' });
    const aliases = JSON.parse(await docker('inspect', '--format', `{{json (index .NetworkSettings.Networks "${net}").Aliases}}`, ctr)) as string[];
    expect(aliases.filter((a) => a.toLowerCase() === 'web')).toEqual(['web']);
    expect(aliases).toContain('api');
    expect(app.errors).toEqual([]);
  });
});
