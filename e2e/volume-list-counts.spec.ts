import { describe, expect, it } from 'vitest';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';
import { useSession } from './support/session.js';

const prefix = 'berth-e2e-volcount';
const used = uniqueName(`${prefix}-used`);
const spare = uniqueName(`${prefix}-spare`);
const ctr = uniqueName(`${prefix}-ctr`);

describe('volumes list: with a filter or a search on, the counts describe the rows shown', () => {
  const app = useSession({
    hash: '#/volumes',
    ready: (page) => page.getByRole('table', { name: 'Volumes' }).waitFor(),
    setup: async () => {
      await docker('volume', 'create', spare);
      await docker('run', '-d', '--name', ctr, '-v', `${used}:/data`, testImage, 'sleep', '600');
    },
    cleanup: async () => {
      await removeContainers(prefix);
      await docker('volume', 'rm', used, spare).catch(() => undefined);
    },
  });

  const counts = () => app.page.locator('.counts').innerText();

  it('says how many of all the volumes are shown, and how many of those are in use', async () => {
    const all = await counts();
    const total = Number(/^(\d+) volumes?/.exec(all)?.[1]);
    expect(total).toBeGreaterThanOrEqual(2);
    const search = app.page.getByRole('searchbox', { name: 'Search volumes' });
    await search.fill(prefix);
    await expect.poll(counts).toMatch(new RegExp(`^2 of ${total} volumes shown\\s+1 in use$`));
    await app.page.getByRole('combobox', { name: 'Show volumes' }).selectOption('unused');
    await expect.poll(counts).toMatch(new RegExp(`^1 of ${total} volumes shown\\s+0 in use$`));
    await app.page.getByRole('combobox', { name: 'Show volumes' }).selectOption('all');
    await search.fill('');
    await expect.poll(counts).toBe(all);
    expect(app.errors).toEqual([]);
  });
});
