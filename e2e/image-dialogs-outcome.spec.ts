import { describe, expect, it } from 'vitest';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { registryTags, removeImages } from './support/images-fixtures.js';
import { tableShown, useSession } from './support/session.js';

const name = uniqueName('berth-e2e-outcome');
const source = `berth-e2e/${name}:src`;
const remote = `127.0.0.1:5000/berth-e2e/${name}:1`;
const unreachable = `127.0.0.1:5999/berth-e2e/${name}:1`;
const tagged = `berth-e2e/${name}:tagged`;
const entered = `127.0.0.1:5000/berth-e2e/${name}:entered`;

/** Each pull, tag or push in a dialog shows its own outcome, never the one before it beside it. */
describe('pull and tag-or-push dialogs: a new attempt replaces the last outcome', () => {
  const app = useSession({
    hash: '#/images',
    ready: tableShown('Images'),
    setup: async () => {
      await docker('tag', testImage, source);
      await docker('tag', testImage, remote);
      await docker('push', remote);
      await removeImages(remote);
    },
    cleanup: () => removeImages(source, remote, unreachable, tagged, entered),
  });

  it('a tag after a failed push says "Tagged", without the push error', async () => {
    await app.page.getByRole('row', { name: source, exact: true }).getByRole('button', { name: `Tag or push ${source}` }).click();
    const d = app.page.getByRole('dialog', { name: `Tag or push ${source}` });
    const target = d.getByLabel('Target reference');
    await target.fill(unreachable);
    await d.getByRole('button', { name: 'Push', exact: true }).click();
    await d.getByRole('alert').waitFor({ timeout: 30_000 });

    await target.fill(tagged);
    await d.getByRole('button', { name: 'Tag', exact: true }).click();
    await d.getByRole('status').filter({ hasText: `Tagged ${tagged}` }).waitFor({ timeout: 10_000 });
    expect(await d.getByRole('alert').count()).toBe(0);
    expect(await d.getByRole('progressbar', { name: 'Overall push progress' }).count()).toBe(0);
    expect(await docker('image', 'inspect', '--format', '{{.Id}}', tagged)).toMatch(/^sha256:/);
    await d.getByRole('button', { name: 'Close' }).click();
  });

  it('Enter in the target field tags, and only tags: a push takes a click', async () => {
    await app.page.getByRole('row', { name: source, exact: true }).getByRole('button', { name: `Tag or push ${source}` }).click();
    const d = app.page.getByRole('dialog', { name: `Tag or push ${source}` });
    await d.getByLabel('Target reference').fill(entered);
    await d.getByLabel('Target reference').press('Enter');
    await d.getByRole('status').filter({ hasText: `Tagged ${entered}` }).waitFor({ timeout: 10_000 });
    expect(await docker('image', 'inspect', '--format', '{{.Id}}', entered)).toMatch(/^sha256:/);
    expect(await registryTags(`berth-e2e/${name}`)).toEqual(['1']);
    await d.getByRole('button', { name: 'Close' }).click();
  });

  it('an invalid reference after a pull shows only its error, not the last pull as "Pulled"', async () => {
    await app.page.getByRole('button', { name: 'Pull', exact: true }).click();
    const d = app.page.getByRole('dialog', { name: 'Pull an image' });
    const input = d.getByLabel('Image reference');
    await input.fill(remote);
    await d.getByRole('button', { name: 'Pull', exact: true }).click();
    await d.getByRole('status').filter({ hasText: `Pulled ${remote}` }).waitFor({ timeout: 30_000 });

    await input.fill('busybox:bad!tag');
    await d.getByRole('button', { name: 'Pull', exact: true }).click();
    await expect.poll(() => d.getByRole('alert').innerText()).toMatch(/^Invalid reference "busybox:bad!tag": tag "bad!tag" is invalid/);
    expect(await d.getByRole('status').count()).toBe(0);
    expect(await d.getByRole('progressbar', { name: 'Overall progress' }).count()).toBe(0);
    await d.getByRole('button', { name: 'Close' }).click();
    expect(app.errors).toEqual([]);
  });
});
