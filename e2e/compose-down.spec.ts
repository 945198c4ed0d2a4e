import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeComposeProject } from '../engine/testing/int-helpers.js';
import { openComposeFile, upAndWait, useComposeSession } from './support/compose.js';
import { docker, testImage } from './support/docker-cli.js';

const project = `e2e-down-${Math.random().toString(36).slice(2, 8)}`;
const volume = `${project}_data`;

const composeFile = `name: ${project}
services:
  db:
    image: ${testImage}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    volumes: [data:/data]
volumes:
  data: {}
`;

describe('compose project panel: its layout, and down’s choices and the volumes it keeps', () => {
  const app = useComposeSession([project], (dir) => writeFileSync(path.join(dir, 'compose.yaml'), composeFile));
  const volumeLeft = () => docker('volume', 'ls', '-q', '--filter', `name=^${volume}$`);
  // Should a test fail before down, its volume goes too (the session removes containers and network only).
  afterAll(async () => {
    await removeComposeProject(project);
    await docker('volume', 'rm', '-f', volume).catch(() => undefined);
  });

  it('the project’s buttons sit together, not spread over the line', async () => {
    await openComposeFile(app.page, path.join(app.dir, 'compose.yaml'));
    await upAndWait(app.page, project);
    const actions = app.page.getByRole('toolbar', { name: 'Project actions' });
    const up = (await actions.getByRole('button', { name: 'Up', exact: true }).boundingBox())!;
    const pull = (await actions.getByRole('button', { name: 'Pull', exact: true }).boundingBox())!;
    expect(pull.x - (up.x + up.width)).toBeLessThan(16);
  });

  it('in a 900 px window the project list goes above the project, and each service’s buttons stay in view', async () => {
    const before = app.page.viewportSize()!;
    try {
      await app.page.setViewportSize({ width: 900, height: before.height });
      const restart = app.page.getByRole('button', { name: 'Restart db', exact: true });
      await expect.poll(async () => (await restart.boundingBox())!.x + (await restart.boundingBox())!.width, { timeout: 5_000 }).toBeLessThanOrEqual(900);
      const panel = app.page.locator('.compose-panel');
      expect(await panel.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    } finally {
      await app.page.setViewportSize(before);
    }
  });

  it('kept volumes are named; asking to remove them moves them to what goes, and down removes them', async () => {
    await app.page.getByRole('button', { name: 'Down…' }).click();
    const dialog = app.page.getByRole('alertdialog');
    const kept = dialog.getByTestId('down-kept');
    await expect.poll(() => kept.innerText().catch(() => ''), { timeout: 10_000 }).toBe(`Kept: 1 named volume with its data, ${volume}.`);
    expect(await dialog.getByTestId('down-plan').locator('ul code').allInnerTexts()).toEqual([`${project}-db-1`, `${project}_default`]);

    // The volume checkbox's text and the Images choice are on lines of their own.
    const check = (await dialog.locator('label', { hasText: 'Also remove the project’s named volumes' }).boundingBox())!;
    const images = (await dialog.locator('label', { hasText: 'Images' }).boundingBox())!;
    expect(images.y).toBeGreaterThanOrEqual(check.y + check.height);

    await dialog.getByLabel('Also remove the project’s named volumes (their data is lost)').check();
    await expect.poll(() => dialog.getByTestId('down-plan').locator('ul code').allInnerTexts(), { timeout: 10_000 }).toEqual([`${project}-db-1`, `${project}_default`, volume]);
    expect(await kept.count()).toBe(0);
    await dialog.getByRole('button', { name: 'Down', exact: true }).click();
    await expect.poll(() => app.page.getByRole('status').allInnerTexts(), { timeout: 30_000 }).toContain('Removed 1 container, 1 network, 1 volume, 0 images');
    expect(await volumeLeft()).toBe('');
  });
});
