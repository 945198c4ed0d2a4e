import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openComposeFile, useComposeSession } from './support/compose.js';
import { docker, testImage } from './support/docker-cli.js';

const project = `e2e-acterr-${Math.random().toString(36).slice(2, 8)}`;
const holder = `${project}-holder`;
const port = 20_000 + Math.floor(Math.random() * 20_000);

describe('compose actions: a start that fails says so as an error', () => {
  const app = useComposeSession([project], async (dir) => {
    writeFileSync(path.join(dir, 'compose.yaml'), `name: ${project}\nservices:\n  web:\n    image: ${testImage}\n    command: ["sleep", "600"]\n    ports: ["127.0.0.1:${port}:80"]\n`);
    // Another container holds the port: up creates web, but web cannot start.
    await docker('run', '-d', '--name', holder, '-p', `127.0.0.1:${port}:80`, testImage, 'sleep', '600');
  });
  afterAll(() => docker('rm', '-f', holder).catch(() => undefined));

  it('Start of a service whose port is taken shows the reason as an alert, and a later success clears it', async () => {
    await openComposeFile(app.page, path.join(app.dir, 'compose.yaml'));
    await app.page.getByRole('button', { name: 'Up', exact: true }).click();
    await expect.poll(() => app.page.locator('.compose-error').first().innerText().catch(() => ''), { timeout: 60_000 }).toContain(`Port ${port} is already in use`);
    expect(await docker('inspect', '-f', '{{.State.Status}}', `${project}-web-1`)).toBe('created');

    await app.page.getByRole('button', { name: 'Start web', exact: true }).click();
    const failed = app.page.getByRole('alert', { name: 'Action failed' });
    await expect.poll(() => failed.innerText().catch(() => ''), { timeout: 15_000 }).toContain(`Port ${port} is already in use`);
    // Not as a plain notice above the table (the Up job's own outcome below it says the same in red).
    expect(await app.page.locator('.compose-panel > p[role="status"]:not(.compose-error)').allInnerTexts()).toEqual([]);

    await docker('rm', '-f', holder);
    await app.page.getByRole('button', { name: 'Start web', exact: true }).click();
    await expect.poll(() => app.cell('web', 4).innerText(), { timeout: 15_000 }).toBe('running');
    expect(await failed.count()).toBe(0);
  });
});
