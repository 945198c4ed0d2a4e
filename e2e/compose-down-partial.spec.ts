import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openComposeFile, upAndWait, useComposeSession } from './support/compose.js';
import { docker, testImage } from './support/docker-cli.js';

const project = `e2e-down-part-${Math.random().toString(36).slice(2, 8)}`;
const volume = `${project}_data`;
const holder = `${project}-holder`;

const composeFile = `name: ${project}
services:
  app:
    image: ${testImage}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    volumes: [data:/data]
volumes:
  data: {}
`;

describe('compose down that fails part-way (a volume another container still uses)', () => {
  const app = useComposeSession([project], (dir) => writeFileSync(path.join(dir, 'compose.yaml'), composeFile));
  afterAll(async () => {
    await docker('rm', '-f', holder).catch(() => undefined);
    await docker('volume', 'rm', '-f', volume).catch(() => undefined);
  });

  it('says why, lists only what is left to remove, and no longer says the project is up', async () => {
    await openComposeFile(app.page, path.join(app.dir, 'compose.yaml'));
    await upAndWait(app.page, project);
    // A container outside the project holds the volume: down removes the project's container, then cannot remove the volume.
    await docker('run', '-d', '--name', holder, '-v', `${volume}:/x`, testImage, 'sleep', '600');

    await app.page.getByRole('button', { name: 'Down…' }).click();
    const dialog = app.page.getByRole('alertdialog');
    await dialog.getByLabel('Also remove the project’s named volumes (their data is lost)').check();
    const listed = () => dialog.getByTestId('down-plan').locator('ul code').allInnerTexts().catch(() => [] as string[]);
    await expect.poll(listed, { timeout: 10_000 }).toEqual([`${project}-app-1`, `${project}_default`, volume]);
    await dialog.getByRole('button', { name: 'Down', exact: true }).click();

    await expect.poll(() => dialog.innerText(), { timeout: 30_000 }).toContain(`Volume ${volume} is in use`);
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`)).toBe('');
    // The container and network are gone: the dialog no longer offers to remove them.
    await expect.poll(listed, { timeout: 10_000 }).toEqual([volume]);

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await app.page.locator('.compose-done').count()).toBe(0);
    expect(await app.page.getByText(`Project "${project}" is up`).count()).toBe(0);
  });
});
