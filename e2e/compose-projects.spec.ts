import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openComposeFile, upAndWait, useComposeSession } from './support/compose.js';
import { docker, testImage } from './support/docker-cli.js';

const run = promisify(execFile);
const rand = Math.random().toString(36).slice(2, 8);
/** Started by docker-compose 1.29: its labels name the compose file relative to the working dir. */
const v1 = `fx1-v1-${rand}`;
const staging = `${v1}-staging`;
/** Opened as a folder, up from Berth. */
const folderProject = `fx1-folder-${rand}`;
const unsetVar = `FX1_UNSET_${rand.toUpperCase()}`;

describe('compose projects: v1 projects, names, forgetting, folders, warnings, live progress, down without files', () => {
  const app = useComposeSession([v1, staging, folderProject], () => prepare());
  const root = app.dir;
  const v1Dir = path.join(root, 'v1');
  const folder = path.join(root, 'folder');

  /** A v1 project up from docker-compose, and a folder to open. */
  async function prepare(): Promise<void> {
    mkdirSync(v1Dir);
    writeFileSync(path.join(v1Dir, 'docker-compose.yml'), `version: "2.4"\nservices:\n  web:\n    image: ${testImage}\n    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]\n`);
    await run('docker-compose', ['-p', v1, 'up', '-d'], { cwd: v1Dir, env: process.env, timeout: 120_000 });
    mkdirSync(folder);
    writeFileSync(
      path.join(folder, 'compose.yaml'),
      `name: ${folderProject}\nservices:\n  web:\n    image: ${testImage}\n    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]\n    environment:\n      GREETING: hi-\${${unsetVar}}\n`,
    );
  }

  const { services, cell } = app;
  const row = (name: string): Locator => app.page.locator('.compose-list__item').filter({ has: app.page.locator('.compose-list__name', { hasText: new RegExp(`^${name}$`) }) });
  const heading = () => app.page.locator('.compose-panel__head h2').innerText();
  const opened = () => app.page.evaluate(() => JSON.parse(localStorage.getItem('berth.compose.opened') ?? '[]') as { files: string[]; projectName?: string; name?: string }[]);
  const open = (files: string, name = '') => openComposeFile(app.page, files, name);

  it('loads a project docker-compose v1 started, whose labels name its file relative to its folder', async () => {
    await expect.poll(() => row(v1).count(), { timeout: 20_000 }).toBe(1);
    await row(v1).click();
    await expect.poll(() => services().locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    expect(await app.page.locator('.compose-panel__head').innerText()).toContain(path.join(v1Dir, 'docker-compose.yml'));
    expect(await app.page.locator('.compose-panel .compose-error, .compose-issues').count()).toBe(0);
  });

  it('keeps the same file opened under another project name apart: each row shows its own project', async () => {
    await open(path.join(v1Dir, 'docker-compose.yml'), staging);
    await expect.poll(heading, { timeout: 10_000 }).toBe(staging);
    await expect.poll(() => cell('web', 3).innerText(), { timeout: 15_000 }).toBe('create');
    await row(v1).click();
    await expect.poll(heading).toBe(v1);
    await expect.poll(() => app.page.locator('.compose-panel__head').innerText()).toContain('1 of 1 service running');
    // Loads answer, and nothing bounces the selection or renames the other entry.
    await app.page.waitForTimeout(1500);
    expect(await heading()).toBe(v1);
    expect(await row(staging).count()).toBe(1);
    expect(await opened()).toEqual([{ files: [path.join(v1Dir, 'docker-compose.yml')], projectName: staging, name: staging }]);
    await row(staging).click();
    await expect.poll(heading).toBe(staging);
    expect(await app.page.locator('.compose-panel__head').innerText()).toContain('not up');
  });

  it('refuses an invalid project name in the Open form, with the rule, and opens nothing', async () => {
    await open(path.join(v1Dir, 'docker-compose.yml'), 'Fx1_UP');
    const alert = app.page.getByRole('form', { name: 'Open a compose project' }).getByRole('alert');
    await expect.poll(() => alert.innerText()).toBe('The project name "Fx1_UP" must be lower-case letters, digits, "_" and "-", starting with a letter or digit');
    expect(await app.page.getByLabel('Project name (optional)').getAttribute('aria-invalid')).toBe('true');
    expect(await opened()).toHaveLength(1);
    expect(await row('Fx1_UP').count()).toBe(0);
  });

  it('refuses a relative path in the Open form, with the reason tied to the field, and opens nothing', async () => {
    await open('app/compose.yaml', '');
    const field = app.page.getByLabel('Compose file path');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    const described = await field.getAttribute('aria-describedby');
    expect(described).toBeTruthy();
    expect(await app.page.locator(`[id="${described}"]`).innerText()).toBe('"app/compose.yaml" is not an absolute path (the back end reads it, e.g. /srv/app/compose.yaml)');
    expect(await opened()).toHaveLength(1);
  });

  it('forgets an opened project that is not up, from the keyboard; a project that is up has no Forget', async () => {
    expect(await app.page.getByRole('button', { name: `Forget ${v1}`, exact: true }).count()).toBe(0);
    const forget = app.page.getByRole('button', { name: `Forget ${staging}`, exact: true });
    await forget.focus();
    await app.page.keyboard.press('Enter');
    await expect.poll(() => row(staging).count()).toBe(0);
    expect(await opened()).toEqual([]);
    await app.page.reload();
    await expect.poll(() => row(v1).count(), { timeout: 20_000 }).toBe(1);
    expect(await row(staging).count()).toBe(0);
  });

  it('takes the v1 project down from the dialog (then, with no containers and not opened, it leaves the list)', async () => {
    await row(v1).click();
    await expect.poll(() => services().locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    await app.page.getByRole('button', { name: 'Down…' }).click();
    const dialog = app.page.getByRole('alertdialog');
    const plan = dialog.getByTestId('down-plan');
    await expect.poll(() => plan.locator('code').allInnerTexts().catch(() => []), { timeout: 15_000 }).toEqual([`${v1}_web_1`, `${v1}_default`]);
    await dialog.getByRole('button', { name: 'Down', exact: true }).click();
    await expect.poll(() => row(v1).count(), { timeout: 30_000 }).toBe(0);
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${v1}`)).toBe('');
    expect(await docker('network', 'ls', '-q', '--filter', `name=^${v1}_default$`)).toBe('');
  });

  it('opens a folder, warns about an unset variable, and after up shows the live state, not the job’s', async () => {
    await open(folder);
    await expect.poll(heading, { timeout: 15_000 }).toBe(folderProject);
    const warnings = app.page.getByRole('list', { name: 'Warnings' });
    await expect.poll(() => warnings.innerText().catch(() => ''), { timeout: 10_000 }).toContain(`${path.join(folder, 'compose.yaml')}:7:`);
    expect(await warnings.innerText()).toContain(`The ${unsetVar} variable is not set. Defaulting to a blank string.`);
    await upAndWait(app.page, folderProject);
    await expect.poll(() => cell('web', 4).getAttribute('data-step')).toBe('running');
    await docker('stop', '-t', '1', `${folderProject}-web-1`);
    await expect.poll(() => cell('web', 4).getAttribute('data-step'), { timeout: 15_000 }).toBe('exited');
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => app.page.getByRole('status').allInnerTexts(), { timeout: 15_000 }).toContain('Started 1 container');
    await app.page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => app.page.getByRole('status').allInnerTexts(), { timeout: 30_000 }).toContain('Stopped 1 container');
  });

  it('takes a project down after its compose file is gone, and says so', async () => {
    rmSync(folder, { recursive: true, force: true });
    await app.page.getByRole('button', { name: 'Down…' }).click();
    const dialog = app.page.getByRole('alertdialog');
    await expect.poll(() => dialog.getByTestId('down-files-not-read').innerText().catch(() => ''), { timeout: 15_000 }).toContain(`The compose file ${folder} does not exist`);
    expect(await dialog.getByTestId('down-plan').locator('code').allInnerTexts()).toEqual([`docker compose down -p ${folderProject}`, `${folderProject}-web-1`, `${folderProject}_default`]);
    await dialog.getByRole('button', { name: 'Down', exact: true }).click();
    await expect.poll(() => app.page.getByRole('status').allInnerTexts(), { timeout: 30_000 }).toContain('Removed 1 container, 1 network, 0 volumes, 0 images');
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${folderProject}`)).toBe('');
  });

  it('reports a missing build context at its line when the file is opened, before anything is created', async () => {
    const file = path.join(root, 'build.yaml');
    writeFileSync(file, `name: fx1-build-${rand}\nservices:\n  web:\n    image: ${testImage}\n  app:\n    build:\n      context: ./missing-dir\n`);
    await open(file);
    const issues = app.page.getByRole('alert', { name: 'Errors in the compose file' });
    await expect.poll(() => issues.innerText().catch(() => ''), { timeout: 15_000 }).toContain(`${file}:7:16`);
    expect(await issues.innerText()).toContain(`the build context ${path.join(root, 'missing-dir')} does not exist`);
    expect(await app.page.getByRole('button', { name: 'Up', exact: true }).isDisabled()).toBe(true);
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=fx1-build-${rand}`)).toBe('');
  });
});
