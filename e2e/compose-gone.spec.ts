import { describe, expect, it } from 'vitest';
import { useComposeSession } from './support/compose.js';
import { docker, testImage } from './support/docker-cli.js';

const rand = Math.random().toString(36).slice(2, 8);
const [first, second] = [`e2e-gone-a-${rand}`, `e2e-gone-b-${rand}`];

/** A project started outside Berth: one container with the compose labels. */
const startProject = (project: string) =>
  docker('run', '-d', '--name', `${project}-web-1`, '--label', `com.docker.compose.project=${project}`, '--label', 'com.docker.compose.service=web', testImage, 'sleep', '600');

describe('compose: a selected project whose containers are removed from the CLI', () => {
  const app = useComposeSession([first, second], async () => {
    await startProject(first);
    await startProject(second);
  });
  const item = (name: string) => app.page.getByRole('navigation', { name: 'Projects' }).getByRole('button', { name: new RegExp(`^${name}`) });

  it('says it is gone, and the panel does not slip to another project', async () => {
    await expect.poll(() => item(second).count(), { timeout: 20_000 }).toBe(1);
    await item(second).click();
    await expect.poll(() => app.page.getByRole('heading', { name: second }).count(), { timeout: 10_000 }).toBe(1);
    await docker('rm', '-f', `${second}-web-1`);
    await expect.poll(() => app.page.getByRole('status').allInnerTexts(), { timeout: 15_000 }).toContain(
      `The project “${second}” is no longer there: it has no containers left and no file opened here. Choose another project, or open its compose file.`,
    );
    expect(await app.page.getByRole('heading', { name: first }).count()).toBe(0);
    await item(first).click();
    await expect.poll(() => app.page.getByRole('heading', { name: first }).count(), { timeout: 10_000 }).toBe(1);
  });
});
