import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';
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
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  let root: string;
  let v1Dir: string;
  let folder: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'berth-e2e-compose-projects-'));
    v1Dir = path.join(root, 'v1');
    mkdirSync(v1Dir);
    writeFileSync(path.join(v1Dir, 'docker-compose.yml'), `version: "2.4"\nservices:\n  web:\n    image: ${testImage}\n    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]\n`);
    await run('docker-compose', ['-p', v1, 'up', '-d'], { cwd: v1Dir, env: process.env, timeout: 120_000 });
    folder = path.join(root, 'folder');
    mkdirSync(folder);
    writeFileSync(
      path.join(folder, 'compose.yaml'),
      `name: ${folderProject}\nservices:\n  web:\n    image: ${testImage}\n    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]\n    environment:\n      GREETING: hi-\${${unsetVar}}\n`,
    );
    berth = await startBerth(['--no-embedded-engine']);
    browser = await launchBrowser();
    ({ page } = await openApp(browser, berth, '#/compose'));
  });

  afterAll(async () => {
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
    for (const p of [v1, staging, folderProject]) {
      const ids = (await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${p}`)).split('\n').filter(Boolean);
      if (ids.length) await docker('rm', '-f', ...ids);
      await docker('network', 'rm', `${p}_default`).catch(() => undefined);
    }
    rmSync(root, { recursive: true, force: true });
  });

  const row = (name: string): Locator => page.locator('.compose-list__item').filter({ has: page.locator('.compose-list__name', { hasText: new RegExp(`^${name}$`) }) });
  const heading = () => page.locator('.compose-panel__head h2').innerText();
  const services = (): Locator => page.getByRole('table', { name: 'Services' });
  const cell = (service: string, col: number) => services().locator(`tr[data-service="${service}"] td`).nth(col);
  const opened = () => page.evaluate(() => JSON.parse(localStorage.getItem('berth.compose.opened') ?? '[]') as { files: string[]; projectName?: string; name?: string }[]);
  const open = async (files: string, name = '') => {
    await page.getByLabel('Compose file path').fill(files);
    await page.getByLabel('Project name (optional)').fill(name);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
  };

  it('loads a project docker-compose v1 started, whose labels name its file relative to its folder', async () => {
    await expect.poll(() => row(v1).count(), { timeout: 20_000 }).toBe(1);
    await row(v1).click();
    await expect.poll(() => services().locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('.compose-panel__head').innerText()).toContain(path.join(v1Dir, 'docker-compose.yml'));
    expect(await page.locator('.compose-panel .compose-error, .compose-issues').count()).toBe(0);
  });

  it('keeps the same file opened under another project name apart: each row shows its own project', async () => {
    await open(path.join(v1Dir, 'docker-compose.yml'), staging);
    await expect.poll(heading, { timeout: 10_000 }).toBe(staging);
    await expect.poll(() => cell('web', 3).innerText(), { timeout: 15_000 }).toBe('create');
    await row(v1).click();
    await expect.poll(heading).toBe(v1);
    await expect.poll(() => page.locator('.compose-panel__head').innerText()).toContain('1 of 1 running');
    // Loads answer, and nothing bounces the selection or renames the other entry.
    await page.waitForTimeout(1500);
    expect(await heading()).toBe(v1);
    expect(await row(staging).count()).toBe(1);
    expect(await opened()).toEqual([{ files: [path.join(v1Dir, 'docker-compose.yml')], projectName: staging, name: staging }]);
    await row(staging).click();
    await expect.poll(heading).toBe(staging);
    expect(await page.locator('.compose-panel__head').innerText()).toContain('0 of 0 running');
  });

  it('refuses an invalid project name in the Open form, with the rule, and opens nothing', async () => {
    await open(path.join(v1Dir, 'docker-compose.yml'), 'Fx1_UP');
    const alert = page.getByRole('form', { name: 'Open a compose project' }).getByRole('alert');
    await expect.poll(() => alert.innerText()).toBe('The project name "Fx1_UP" must be lower-case letters, digits, "_" and "-", starting with a letter or digit');
    expect(await page.getByLabel('Project name (optional)').getAttribute('aria-invalid')).toBe('true');
    expect(await opened()).toHaveLength(1);
    expect(await row('Fx1_UP').count()).toBe(0);
  });

  it('forgets an opened project that is not up, from the keyboard; a project that is up has no Forget', async () => {
    expect(await page.getByRole('button', { name: `Forget ${v1}`, exact: true }).count()).toBe(0);
    const forget = page.getByRole('button', { name: `Forget ${staging}`, exact: true });
    await forget.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => row(staging).count()).toBe(0);
    expect(await opened()).toEqual([]);
    await page.reload();
    await expect.poll(() => row(v1).count(), { timeout: 20_000 }).toBe(1);
    expect(await row(staging).count()).toBe(0);
  });

  it('takes the v1 project down from the dialog (then, with no containers and not opened, it leaves the list)', async () => {
    await row(v1).click();
    await expect.poll(() => services().locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'Down…' }).click();
    const dialog = page.getByRole('alertdialog');
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
    const warnings = page.getByRole('list', { name: 'Warnings' });
    await expect.poll(() => warnings.innerText().catch(() => ''), { timeout: 10_000 }).toContain(`${path.join(folder, 'compose.yaml')}:7:`);
    expect(await warnings.innerText()).toContain(`The ${unsetVar} variable is not set. Defaulting to a blank string.`);
    await page.getByRole('button', { name: 'Up', exact: true }).click();
    await expect.poll(() => page.locator('.compose-done, .compose-error').first().innerText().catch(() => ''), { timeout: 60_000 }).toContain(`Project "${folderProject}" is up`);
    await expect.poll(() => cell('web', 4).getAttribute('data-step')).toBe('running');
    await docker('stop', '-t', '1', `${folderProject}-web-1`);
    await expect.poll(() => cell('web', 4).getAttribute('data-step'), { timeout: 15_000 }).toBe('exited');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => page.getByRole('status').allInnerTexts(), { timeout: 15_000 }).toContain('Started 1 container');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => page.getByRole('status').allInnerTexts(), { timeout: 30_000 }).toContain('Stopped 1 container');
  });

  it('takes a project down after its compose file is gone, and says so', async () => {
    rmSync(folder, { recursive: true, force: true });
    await page.getByRole('button', { name: 'Down…' }).click();
    const dialog = page.getByRole('alertdialog');
    await expect.poll(() => dialog.getByTestId('down-files-not-read').innerText().catch(() => ''), { timeout: 15_000 }).toContain(`The compose file ${folder} does not exist`);
    expect(await dialog.getByTestId('down-plan').locator('code').allInnerTexts()).toEqual([`docker compose down -p ${folderProject}`, `${folderProject}-web-1`, `${folderProject}_default`]);
    await dialog.getByRole('button', { name: 'Down', exact: true }).click();
    await expect.poll(() => page.getByRole('status').allInnerTexts(), { timeout: 30_000 }).toContain('Removed 1 container, 1 network, 0 volumes, 0 images');
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${folderProject}`)).toBe('');
  });

  it('reports a missing build context at its line when the file is opened, before anything is created', async () => {
    const file = path.join(root, 'build.yaml');
    writeFileSync(file, `name: fx1-build-${rand}\nservices:\n  web:\n    image: ${testImage}\n  app:\n    build:\n      context: ./missing-dir\n`);
    await open(file);
    const issues = page.getByRole('alert', { name: 'Errors in the compose file' });
    await expect.poll(() => issues.innerText().catch(() => ''), { timeout: 15_000 }).toContain(`${file}:7:16`);
    expect(await issues.innerText()).toContain(`the build context ${path.join(root, 'missing-dir')} does not exist`);
    expect(await page.getByRole('button', { name: 'Up', exact: true }).isDisabled()).toBe(true);
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=fx1-build-${rand}`)).toBe('');
  });
});
