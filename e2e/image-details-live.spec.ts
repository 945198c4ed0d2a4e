import { describe, expect, it } from 'vitest';
import { docker, uniqueName } from './support/docker-cli.js';
import { buildMultiLayerImage, removeImages } from './support/images-fixtures.js';
import { useSession } from './support/session.js';

const name = uniqueName('berth-e2e-imglive');
const image = `berth-e2e/${name}:1`;
const added = `berth-e2e/${name}:added`;

describe('image details follow the engine while open', () => {
  let id = '';
  const app = useSession({
    hash: () => `#/images/${encodeURIComponent(id)}/inspect?tag=${encodeURIComponent(image)}`,
    ready: (page) => page.locator('.img-details__title').waitFor(),
    setup: async () => {
      await buildMultiLayerImage(image, { steps: 1, kib: 1, label: name });
      id = await docker('image', 'inspect', '--format', '{{.Id}}', image);
    },
    cleanup: () => removeImages(image, added),
  });

  it('a tag added elsewhere (docker tag) shows among "Also tagged"', async () => {
    await docker('tag', image, added);
    await expect.poll(() => app.page.getByText(/^Also tagged/).count(), { timeout: 10_000 }).toBe(1);
    expect(await app.page.getByText(/^Also tagged/).innerText()).toContain(added);
  });

  it('an image removed elsewhere (docker rmi) says so instead of showing it as if it were there', async () => {
    await docker('rmi', image, added);
    const alert = app.page.getByRole('alert').filter({ hasText: `The image “${image}” was removed.` });
    await alert.waitFor({ timeout: 10_000 });
    expect(await app.page.getByRole('button', { name: 'Remove', exact: true }).count()).toBe(0);
    await alert.getByRole('link', { name: 'Back to images' }).click();
    await app.page.getByRole('table', { name: 'Images' }).waitFor();
    expect(app.errors).toEqual([]);
  });
});
