import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openComposeFile, upAndWait, useComposeSession } from './support/compose.js';
import { docker, testImage } from './support/docker-cli.js';

const rand = Math.random().toString(36).slice(2, 8);
const slow = `e2e-jobs-slow-${rand}`;
const other = `e2e-jobs-other-${rand}`;
const forever = `["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]`;

describe('compose: an up keeps running while another project is shown', () => {
  const app = useComposeSession([slow, other], (dir) => {
    // web waits for db to be healthy (about 5 s): long enough to look at another project meanwhile.
    mkdirSync(path.join(dir, 'slow'));
    writeFileSync(
      path.join(dir, 'slow', 'compose.yaml'),
      `name: ${slow}\nservices:\n  db:\n    image: ${testImage}\n    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 5; touch /ready; while true; do sleep 1; done"]\n` +
        `    healthcheck:\n      test: ["CMD", "test", "-f", "/ready"]\n      interval: 1s\n      retries: 60\n` +
        `  web:\n    image: ${testImage}\n    command: ${forever}\n    depends_on:\n      db:\n        condition: service_healthy\n`,
    );
    mkdirSync(path.join(dir, 'other'));
    writeFileSync(path.join(dir, 'other', 'compose.yaml'), `name: ${other}\nservices:\n  app:\n    image: ${testImage}\n    command: ${forever}\n`);
  });
  const item = (name: string) => app.page.getByRole('navigation', { name: 'Projects' }).getByRole('button', { name: new RegExp(`^${name}`) });
  const heading = () => app.page.locator('.compose-panel__head h2').innerText();

  it('selecting another project mid-up does not cancel it; back on the project, its progress and outcome show', async () => {
    await openComposeFile(app.page, path.join(app.dir, 'other'));
    await expect.poll(heading, { timeout: 15_000 }).toBe(other);
    await openComposeFile(app.page, path.join(app.dir, 'slow'));
    await expect.poll(heading, { timeout: 15_000 }).toBe(slow);
    await expect.poll(() => app.cell('web', 3).innerText(), { timeout: 15_000 }).toBe('create');
    await app.page.getByRole('button', { name: 'Up', exact: true }).click();
    // db is created and web waits for its health: the up is half-way when the user looks elsewhere.
    await expect.poll(() => docker('ps', '-q', '--filter', `name=^${slow}-db-1$`), { timeout: 30_000 }).not.toBe('');
    await item(other).click();
    await expect.poll(heading).toBe(other);

    // The up finishes without its panel: web is created and started once db is healthy.
    await expect.poll(() => docker('ps', '--format', '{{.Names}}', '--filter', `name=^${slow}-web-1$`), { timeout: 30_000 }).toBe(`${slow}-web-1`);
    await item(slow).click();
    await expect.poll(heading).toBe(slow);
    await expect.poll(() => app.page.locator('.compose-done').innerText().catch(() => ''), { timeout: 15_000 }).toContain(`Project "${slow}" is up`);
    await expect.poll(() => app.cell('web', 3).innerText(), { timeout: 15_000 }).toBe('unchanged');
  });

  it('an up still running when its project is shown again keeps its Cancel, and Cancel still stops it', async () => {
    await docker('rm', '-f', `${slow}-web-1`, `${slow}-db-1`).catch(() => undefined);
    await item(slow).click();
    await expect.poll(() => app.cell('web', 3).innerText(), { timeout: 15_000 }).toBe('create');
    await app.page.getByRole('button', { name: 'Up', exact: true }).click();
    await item(other).click();
    await expect.poll(heading).toBe(other);
    expect(await app.page.getByRole('button', { name: 'Cancel', exact: true }).count()).toBe(0);
    await item(slow).click();
    await expect.poll(heading).toBe(slow);
    expect(await app.page.getByRole('button', { name: 'Up', exact: true }).isDisabled()).toBe(true);
    await app.page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => app.page.locator('.compose-error').first().innerText().catch(() => '')).toContain('Cancelled');
    await app.page.waitForTimeout(7000);
    expect(await docker('ps', '-aq', '--filter', `name=^${slow}-web-1$`)).toBe('');
  });

  it('a stop, then a down, replace the up’s “is up” outcome instead of contradicting it', async () => {
    await item(other).click();
    await expect.poll(heading).toBe(other);
    await upAndWait(app.page, other);
    await app.page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => app.page.getByRole('status').allInnerTexts(), { timeout: 30_000 }).toContain('Stopped 1 container');
    expect(await app.page.locator('.compose-done').count()).toBe(0);

    await app.page.getByRole('button', { name: 'Up', exact: true }).click();
    await expect.poll(() => app.page.locator('.compose-done').innerText().catch(() => ''), { timeout: 60_000 }).toContain(`Project "${other}" is up`);
    await app.page.getByRole('button', { name: 'Down…' }).click();
    await app.page.getByRole('alertdialog').getByRole('button', { name: 'Down', exact: true }).click();
    await expect.poll(() => app.page.getByRole('status').allInnerTexts(), { timeout: 30_000 }).toContain('Removed 1 container, 1 network, 0 volumes, 0 images');
    expect(await app.page.locator('.compose-done').count()).toBe(0);
  });
});
