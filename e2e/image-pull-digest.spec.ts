import { describe, expect, it } from 'vitest';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { removeImages } from './support/images-fixtures.js';
import { tableShown, useSession } from './support/session.js';

const name = uniqueName('berth-e2e-digest');
const remote = `127.0.0.1:5000/berth-e2e/${name}:1`;

describe('pull by digest, in a narrow window', () => {
  let byDigest = '';
  const app = useSession({
    hash: '#/images',
    ready: tableShown('Images'),
    setup: async () => {
      await docker('tag', testImage, remote);
      await docker('push', remote);
      const repoDigests = await docker('image', 'inspect', '--format', '{{join .RepoDigests "\\n"}}', remote);
      byDigest = repoDigests.split('\n').find((d) => d.startsWith(`127.0.0.1:5000/berth-e2e/${name}@`)) ?? '';
    },
    cleanup: () => removeImages(remote, byDigest),
  });

  it('says it pulled the reference once (its digest is not repeated) and nothing runs out of the dialog', async () => {
    const { page } = app;
    expect(byDigest).toMatch(/@sha256:[0-9a-f]{64}$/);
    const digest = byDigest.split('@')[1]!;
    await page.setViewportSize({ width: 800, height: 800 });
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    const d = page.getByRole('dialog', { name: 'Pull an image' });
    await d.getByLabel('Image reference').fill(byDigest);
    await d.getByRole('button', { name: 'Pull', exact: true }).click();
    const done = d.getByRole('status').filter({ hasText: `Pulled ${byDigest}` });
    await done.waitFor({ timeout: 30_000 });
    expect((await done.innerText()).split(digest).length - 1).toBe(1);
    // The long reference wraps: the dialog does not scroll sideways.
    expect(await d.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    await d.getByRole('button', { name: 'Close' }).click();
    expect(app.errors).toEqual([]);
  });
});
