import { describe, expect, it } from 'vitest';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';
import { buildMultiLayerImage, removeImages } from './support/images-fixtures.js';
import { tableShown, useSession } from './support/session.js';

const prefix = 'berth-e2e-img';
const name = uniqueName(prefix);
const used = `berth-e2e/${name}:used`;
const dangling = `berth-e2e/${name}:dangling`;
// Named apart from `name`, so the details test's search by name still finds exactly its own two rows.
const live = `berth-e2e/${uniqueName(prefix)}:live`;

describe('images page: list, live updates, remove, prune, details', () => {
  let danglingId = '';
  const app = useSession({
    hash: '#/images',
    ready: tableShown('Images'),
    setup: async () => {
      await buildMultiLayerImage(used, { steps: 1, kib: 16, label: `${name}-used` });
      await buildMultiLayerImage(live, { steps: 1, kib: 4, label: live });
    },
    cleanup: async () => {
      await removeContainers(prefix);
      await removeImages(used, dangling, danglingId, live);
    },
  });

  const row = (n: string) => app.page.getByRole('row', { name: n, exact: true });

  it('lists images with tag, id, size, unique/shared size and the containers using them, live', async () => {
    const cells = await row(testImage).getByRole('cell').allInnerTexts();
    expect(cells[0]).toContain('berth-test/busybox');
    expect(cells[1]).toBe('latest');
    expect(cells[2]).toMatch(/^[0-9a-f]{12}$/);
    expect(cells[4]).toMatch(/MiB|KiB/);
    // A search that matches nothing says so; Clear search and filter brings the rows back.
    const search = app.page.getByRole('searchbox', { name: 'Search images' });
    await search.fill('no-such-image-anywhere');
    await app.page.getByText('No images match').waitFor();
    await app.page.getByRole('button', { name: 'Clear search and filter' }).click();
    expect(await search.inputValue()).toBe('');
    await row(testImage).waitFor();

    const ctr = uniqueName(prefix);
    await docker('run', '-d', '--name', ctr, used, 'sleep', '300');
    await expect.poll(() => row(used).getByRole('cell').allInnerTexts(), { timeout: 10_000 }).toEqual(expect.arrayContaining([`1 container: ${ctr}`]));
    // Unique / shared: the base layer is shared with the test image.
    await expect.poll(async () => (await row(used).getByRole('cell').nth(5).innerText()).replace(/\s+/g, ' '), { timeout: 10_000 }).toMatch(/^[\d.]+ KiB \/ [\d.]+ MiB$/);
  });

  it('"Run" opens the run dialog prefilled with the image, its exposed port and its volume', async () => {
    await row(used).getByRole('button', { name: `Run ${used}` }).click();
    const d = app.page.getByRole('dialog', { name: 'Run a container' });
    await d.waitFor();
    expect(await d.getByLabel('Image', { exact: true }).inputValue()).toBe(used);
    expect(await d.getByLabel('Container port, port 1').inputValue()).toBe('8080');
    expect(await d.getByLabel('Container path, volume 1').inputValue()).toBe('/data');
    await d.getByRole('button', { name: 'Close' }).click();
    await d.waitFor({ state: 'detached' });
  });

  it('remove names the running container that blocks it, and offers no Remove that the engine would refuse', async () => {
    await row(used).getByRole('button', { name: `Remove ${used}` }).click();
    const d = app.page.getByRole('dialog', { name: `Remove image ${used}?` });
    await d.waitFor();
    expect(await d.innerText()).toContain(`tag ${used}`);
    const ctr = (await docker('ps', '--filter', `ancestor=${used}`, '--format', '{{.Names}}')).trim();
    // Even force cannot remove an image a running container uses: no Force box, and Remove is off, saying why.
    await expect.poll(() => d.innerText()).toContain(`Used by container ${ctr} (running). Stop it first: even force cannot remove an image a running container uses.`);
    const remove = d.getByRole('button', { name: 'Remove', exact: true });
    expect(await remove.isDisabled()).toBe(true);
    expect(await remove.getAttribute('aria-describedby')).toBeTruthy();
    expect(await d.getByRole('checkbox', { name: /Force/ }).count()).toBe(0);
    await d.getByRole('button', { name: 'Cancel' }).click();
    expect(await row(used).count()).toBe(1);
  });

  it('remove: the containers using the image stay live while the dialog is open, and so does what it offers', async () => {
    await row(live).getByRole('button', { name: `Remove ${live}` }).click();
    const d = app.page.getByRole('dialog', { name: `Remove image ${live}?` });
    await d.waitFor();
    expect(await d.innerText()).not.toContain('Used by');
    const remove = d.getByRole('button', { name: 'Remove', exact: true });
    expect(await remove.isEnabled()).toBe(true);
    const ctr = uniqueName(prefix);
    await docker('run', '-d', '--name', ctr, live, 'sleep', '300');
    await expect.poll(() => d.innerText(), { timeout: 10_000 }).toContain(`Used by container ${ctr} (running). Stop it first`);
    expect(await remove.isDisabled()).toBe(true);
    await docker('kill', ctr);
    await expect.poll(() => d.innerText(), { timeout: 10_000 }).toContain(`Used by container ${ctr} (exited). Remove it first, or force.`);
    // Stopped: force gets past it. Remove stays off until Force is ticked, then says what it does.
    expect(await remove.isDisabled()).toBe(true);
    await d.getByRole('checkbox', { name: /^Force/ }).check();
    const forceRemove = d.getByRole('button', { name: 'Force remove', exact: true });
    expect(await forceRemove.isEnabled()).toBe(true);
    await forceRemove.click();
    await expect.poll(() => d.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => row(live).count(), { timeout: 10_000 }).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it('marks a dangling image and the prune preview shows the space to reclaim first', async () => {
    // Build the same tag twice: the first image loses its tag and becomes dangling.
    danglingId = await buildMultiLayerImage(dangling, { steps: 1, kib: 64, label: `${name}-d1` });
    await buildMultiLayerImage(dangling, { steps: 1, kib: 8, label: `${name}-d2` });
    const shortId = danglingId.replace('sha256:', '').slice(0, 12);
    await expect.poll(() => row(shortId).count(), { timeout: 10_000 }).toBe(1);
    const cells = await row(shortId).getByRole('cell').allInnerTexts();
    expect(cells[0]).toMatch(/<none>\s*dangling/);
    expect(cells[1]).toBe('<none>');

    await app.page.getByRole('button', { name: 'Prune…' }).click();
    const d = app.page.getByRole('dialog', { name: 'Prune images' });
    const summary = d.getByRole('status').filter({ hasText: /Will remove \d+ images? and free about/ });
    await summary.waitFor({ timeout: 10_000 });
    expect(await summary.innerText()).toMatch(/free about [\d.]+ (B|KiB|MiB|GiB)/);
    expect(await d.getByRole('list', { name: 'Images to remove' }).innerText()).toContain(shortId);
    // Nothing was removed by showing the preview.
    expect(await docker('image', 'inspect', '--format', '{{.Id}}', danglingId)).toBe(danglingId);
    await d.getByRole('button', { name: /^Remove \d+ images?$/ }).click();
    await d.getByRole('status').filter({ hasText: /^Reclaimed [\d.]+ (B|KiB|MiB|GiB)/ }).waitFor({ timeout: 30_000 });
    await expect.poll(() => row(shortId).count(), { timeout: 10_000 }).toBe(0);
    await d.getByRole('button', { name: 'Close' }).click();
  });

  it('details: inspect summary, history with instructions, sorted and searchable list', async () => {
    await app.page.getByRole('searchbox', { name: 'Search images' }).fill(name);
    await expect.poll(() => app.page.getByRole('table', { name: 'Images' }).getByRole('row').count()).toBe(3); // header + used + dangling tag
    await row(used).getByRole('link').click();
    await app.page.getByRole('tab', { name: 'Inspect', selected: true }).waitFor();
    const summary = app.page.getByRole('region', { name: 'Summary' });
    await expect.poll(() => summary.innerText()).toContain('8080/tcp');
    expect(await summary.innerText()).toContain('/data');
    expect(await app.page.getByLabel('Inspect JSON').innerText()).toContain('"ExposedPorts"');
    await app.page.getByRole('tab', { name: 'History' }).click();
    const history = app.page.getByRole('table', { name: 'History' });
    await history.waitFor();
    expect(await history.innerText()).toContain('RUN dd if=/dev/urandom of=/f0 bs=1k count=16');
    expect(await history.innerText()).toContain('EXPOSE 8080/tcp');
    expect(app.errors).toEqual([]);
  });
});
