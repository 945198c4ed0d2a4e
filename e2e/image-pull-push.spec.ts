import { describe, expect, it } from 'vitest';
import { docker, uniqueName } from './support/docker-cli.js';
import { buildMultiLayerImage, registryTags, removeImages } from './support/images-fixtures.js';
import { tableShown, useSession } from './support/session.js';

const name = uniqueName('berth-e2e-pp');
const local = `berth-e2e/${name}:1`;
const remote = `127.0.0.1:5000/berth-e2e/${name}:1`;
const pushedRepo = `berth-e2e/${name}-ui`;
const pushed = `127.0.0.1:5000/${pushedRepo}:2`;
const big = `127.0.0.1:5000/berth-e2e/${name}-big:1`;
const unreachable = `127.0.0.1:5999/berth-e2e/${name}:1`;

describe('pull and push through the UI, against the local registry', () => {
  const app = useSession({
    hash: '#/images',
    ready: tableShown('Images'),
    setup: async () => {
      await buildMultiLayerImage(local, { steps: 3, kib: 256 });
      await docker('tag', local, remote);
      await docker('push', remote);
      // Only the base layer (the test image) stays local: the three RUN layers and the COPY must be pulled.
      await removeImages(remote, local);
      await buildMultiLayerImage(big, { steps: 3, kib: 24 * 1024 });
      await docker('push', big);
      await removeImages(big);
    },
    cleanup: () => removeImages(remote, local, pushed, big, unreachable),
  });

  const dialog = () => app.page.getByRole('dialog', { name: 'Pull an image' });
  const openPull = async () => {
    await app.page.getByRole('button', { name: 'Pull', exact: true }).click();
    await dialog().waitFor();
  };
  /** A pull refused before any layer moved leaves no "Starting…" line nor an empty bar above its error. */
  const noStaleProgress = async () => {
    expect(await dialog().getByText('Starting…').count()).toBe(0);
    expect(await dialog().getByRole('progressbar', { name: 'Overall progress' }).count()).toBe(0);
  };

  it('pulls the image back with visible per-layer progress, "already exists" marked, and the row appears', async () => {
    expect(await app.page.getByRole('row', { name: remote, exact: true }).count()).toBe(0);
    await openPull();
    await dialog().getByLabel('Image reference').fill(remote);
    await dialog().getByRole('button', { name: 'Pull', exact: true }).click();

    const layerBars = dialog().getByRole('progressbar', { name: /^Layer [0-9a-f]{12}$/ });
    await expect.poll(() => layerBars.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
    await dialog().getByRole('status').filter({ hasText: `Pulled ${remote}` }).waitFor({ timeout: 60_000 });
    const values = await layerBars.evaluateAll((els) => els.map((e) => Number(e.getAttribute('aria-valuenow'))));
    expect(values.every((v) => v === 100)).toBe(true);
    expect(await dialog().getByText('Already exists').count()).toBeGreaterThanOrEqual(1);
    expect(await dialog().getByText('Pull complete').count()).toBeGreaterThanOrEqual(4);
    expect(await dialog().getByRole('progressbar', { name: 'Overall progress' }).getAttribute('aria-valuenow')).toBe('100');
    // The headline in plain words, not the engine's "Status: Downloaded newer image for …".
    expect(await dialog().locator('.transfer__overall-text strong').innerText()).toBe(`Downloaded newer image for ${remote}`);
    await dialog().getByRole('button', { name: 'Close' }).click();

    await expect.poll(() => app.page.getByRole('row', { name: remote, exact: true }).count(), { timeout: 10_000 }).toBe(1);
    expect(await docker('image', 'inspect', '--format', '{{.Id}}', remote)).toMatch(/^sha256:/);
  });

  it('a malformed reference, a missing tag and an unknown tag each give a readable error', async () => {
    await openPull();
    const input = dialog().getByLabel('Image reference');
    const pull = dialog().getByRole('button', { name: 'Pull', exact: true });

    await input.fill('Foo');
    await pull.click();
    await expect.poll(() => dialog().getByRole('alert').innerText()).toBe('Invalid reference "Foo": repository names must be lowercase');

    await input.fill('busybox:');
    await pull.click();
    await expect.poll(() => dialog().getByRole('alert').innerText()).toBe('Invalid reference "busybox:": a tag is missing after \':\'');

    await input.fill(`127.0.0.1:5000/berth-e2e/${name}:nope`);
    await pull.click();
    await expect
      .poll(() => dialog().getByRole('alert').innerText(), { timeout: 20_000 })
      .toBe(`Image berth-e2e/${name}:nope was not found in registry 127.0.0.1:5000 (manifest unknown)`);
    await noStaleProgress();

    await input.fill('127.0.0.1:5999/nothing:1');
    await pull.click();
    await expect.poll(() => dialog().getByRole('alert').innerText(), { timeout: 20_000 }).toBe('Cannot reach registry 127.0.0.1:5999: connection refused');
    await noStaleProgress();
    await dialog().getByRole('button', { name: 'Close' }).click();
  });

  it('cancel stops the pull: "Pull cancelled", and the engine does not finish it', async () => {
    await openPull();
    await dialog().getByLabel('Image reference').fill(big);
    await dialog().getByRole('button', { name: 'Pull', exact: true }).click();
    await dialog().getByRole('progressbar', { name: /^Layer [0-9a-f]{12}$/ }).first().waitFor({ timeout: 30_000 });
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().getByRole('status').filter({ hasText: 'Pull cancelled' }).waitFor();
    await dialog().getByRole('button', { name: 'Close' }).click();
    await new Promise((r) => setTimeout(r, 3000));
    await expect(docker('image', 'inspect', big)).rejects.toThrow(/No such image/);
  });

  it('tags and pushes through the UI with per-layer progress', async () => {
    const row = app.page.getByRole('row', { name: remote, exact: true });
    await row.getByRole('button', { name: `Tag or push ${remote}` }).click();
    const d = app.page.getByRole('dialog', { name: `Tag or push ${remote}` });
    await d.getByLabel('Target reference').fill(pushed);
    await d.getByRole('button', { name: 'Push', exact: true }).click();
    await d.getByRole('status').filter({ hasText: `Pushed ${pushed}` }).waitFor({ timeout: 60_000 });
    expect(await d.getByRole('progressbar', { name: /^Layer [0-9a-f]{12}$/ }).count()).toBeGreaterThanOrEqual(5);
    expect(await registryTags(pushedRepo)).toEqual(['2']);
    await d.getByRole('button', { name: 'Close' }).click();
    // The new tag is a row of its own, live from the tag event.
    await expect.poll(() => app.page.getByRole('row', { name: pushed, exact: true }).count(), { timeout: 10_000 }).toBe(1);
    expect(app.errors).toEqual([]);
  });

  it('a push to an unreachable registry shows its error, not a progress line still "Starting…"', async () => {
    const row = app.page.getByRole('row', { name: remote, exact: true });
    await row.getByRole('button', { name: `Tag or push ${remote}` }).click();
    const d = app.page.getByRole('dialog', { name: `Tag or push ${remote}` });
    await d.getByLabel('Target reference').fill(unreachable);
    await d.getByRole('button', { name: 'Push', exact: true }).click();
    await d.getByRole('alert').waitFor({ timeout: 30_000 });
    expect(await d.getByRole('alert').innerText()).toContain('127.0.0.1:5999');
    expect(await d.getByText('Starting…').count()).toBe(0);
    const bar = d.getByRole('progressbar', { name: 'Overall push progress' });
    // Either no progress at all, or progress that says it failed.
    if (await bar.count()) expect(await bar.getAttribute('aria-valuetext')).toMatch(/^Failed at \d+%$/);
    await d.getByRole('button', { name: 'Close' }).click();
    expect(app.errors).toEqual([]);
  });
});
