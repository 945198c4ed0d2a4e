import { describe, expect, it } from 'vitest';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';
import { useSession } from './support/session.js';

const prefix = 'berth-e2e-rename';
const name = uniqueName(prefix);
const renamed = `${name}-renamed`;
const loop = ['sh', '-c', 'trap "exit 0" TERM; echo started; while :; do sleep 1; done'];

describe('a container renamed from the CLI while its details page is open', () => {
  const app = useSession({
    hash: `#/containers/${name}/logs`,
    setup: () => docker('run', '-d', '--name', name, testImage, ...loop),
    ready: (page) => page.getByRole('heading', { name, exact: true }).waitFor(),
    cleanup: () => removeContainers(prefix),
  });

  it('follows the new name: title, address, tabs and inspect, keeping the page’s state', async () => {
    const { page } = app;
    const search = page.getByRole('searchbox', { name: 'Search logs' });
    await search.fill('started');

    await docker('rename', name, renamed);
    // Once it was "The container … was removed." (the page looked for the old name).
    await page.getByRole('heading', { name: renamed, exact: true }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('alert').filter({ hasText: 'was removed' }).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/containers/${renamed}/logs`);
    expect(await page.title()).toBe(`${renamed} · Containers · Berth`);

    // Another tab is the same page under the new name: its inspect names it, the logs' search is kept.
    await page.getByRole('tab', { name: 'Inspect' }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/containers/${renamed}/inspect`);
    await expect.poll(() => page.getByRole('tabpanel').innerText(), { timeout: 10_000 }).toContain(`/${renamed}`);
    await page.getByRole('tab', { name: 'Logs' }).click();
    expect(await search.inputValue()).toBe('started');
    expect(app.errors).toEqual([]);
  });

  it('stays with its container when a new one takes the old name, and says when it is removed', async () => {
    const { page } = app;
    await docker('run', '-d', '--name', name, testImage, ...loop);
    await expect.poll(() => docker('ps', '-q', '--filter', `name=^${name}$`)).not.toBe('');
    // The list has the newcomer by now (polled until it shows), the page still shows the renamed one.
    await page.waitForTimeout(2_000);
    expect(await page.getByRole('heading', { level: 2 }).innerText()).toBe(renamed);

    await docker('rm', '-f', renamed);
    const gone = page.getByRole('alert').filter({ hasText: `The container “${renamed}” was removed.` });
    await expect.poll(() => gone.count(), { timeout: 10_000 }).toBe(1);
    expect(app.errors).toEqual([]);
  });
});
