import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';
import { docker, testImage, uniqueName } from './support/docker-cli.js';

const OPEN = '127.0.0.1:5000';
const AUTH = '127.0.0.1:5001';

describe('registries: log in and out, search, pull from a result', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let configDir: string;
  let cliConfig: string;
  const repo = `berth-reg-test/${uniqueName('e2e')}`;
  const pushed = `${OPEN}/${repo}:v1`;
  // Three repositories whose catalog order (alphabetical) is not the order a search for `term` should list.
  const term = uniqueName('ord');
  const ordered = [`berth-reg-order/${term}`, `berth-reg-order/${term}-b`, `berth-reg-order/a-${term}`];
  const orderedRefs = ordered.map((r) => `${OPEN}/${r}:v1`);
  // On the registry with basic auth: found only while logged in.
  const authRepo = `berth-reg-test/${uniqueName('e2e-auth')}`;
  const authPushed = `${AUTH}/${authRepo}:v1`;

  const configFile = () => JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as { auths?: Record<string, { auth?: string }> };

  beforeAll(async () => {
    // Never the real ~/.docker: Berth and the CLI each get a temp DOCKER_CONFIG.
    configDir = mkdtempSync(join(tmpdir(), 'berth-e2e-reg-'));
    cliConfig = mkdtempSync(join(tmpdir(), 'berth-e2e-cli-'));
    for (const ref of [pushed, ...orderedRefs, authPushed]) await docker('tag', testImage, ref);
    for (const ref of [pushed, ...orderedRefs]) await docker('--config', cliConfig, 'push', ref);
    await docker('--config', cliConfig, 'login', '-u', 'berth', '-p', 'berth-secret', AUTH);
    await docker('--config', cliConfig, 'push', authPushed);
    berth = await startBerth(['--no-embedded-engine'], { DOCKER_CONFIG: configDir });
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, berth, '#/registries'));
    await page.getByRole('heading', { name: 'Log in', exact: true }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
    for (const ref of [pushed, ...orderedRefs, authPushed]) await docker('rmi', ref).catch(() => undefined);
    rmSync(configDir, { recursive: true, force: true });
    rmSync(cliConfig, { recursive: true, force: true });
  });

  const login = async (password: string) => {
    await page.getByLabel('Server').fill(AUTH);
    await page.getByLabel('Username').fill('berth');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
  };

  it('checks the form before sending', async () => {
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    // Each field's message as a sentence, as the other forms show theirs.
    await expect.poll(() => page.getByText('The registry server is empty', { exact: true }).count()).toBe(1);
    expect(await page.getByText('The password is empty', { exact: true }).count()).toBe(1);
    expect(await page.getByLabel('Server').getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses a wrong password with a readable error and stores nothing', async () => {
    await login('not-the-password');
    const alert = page.getByRole('alert').filter({ hasText: 'Login to' });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.innerText()).toBe(`Login to ${AUTH} failed: wrong username or password`);
    // The form was disabled while it checked: the focus comes back to the password, not the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
    expect(existsSync(join(configDir, 'config.json'))).toBe(false);
    expect(await page.getByText('You are not logged in to any registry.').count()).toBe(1);
  });

  it('logs in with the right password, lists the registry, then logs out after confirming', async () => {
    await login('berth-secret');
    await page.getByText(`Logged in to ${AUTH} as berth.`).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('alert').filter({ hasText: 'Login to' }).count()).toBe(0);
    expect(await page.getByLabel('Password').inputValue()).toBe('');

    const row = page.getByRole('table', { name: 'Known registries' }).getByRole('row').filter({ hasText: AUTH });
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(expect.arrayContaining([AUTH, 'berth', `Docker config (${join(configDir, 'config.json')})`]));
    // Stored as `docker login` does without a helper: base64 user:password in auths.
    expect(Buffer.from(configFile().auths?.[AUTH]?.auth ?? '', 'base64').toString()).toBe('berth:berth-secret');

    await row.getByRole('button', { name: `Log out of ${AUTH}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Log out of ${AUTH}?` });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Log out', exact: true }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Known registries' }).count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByText('You are not logged in to any registry.').count()).toBe(1);
    expect(configFile().auths?.[AUTH]).toBeUndefined();
    // The login form's note of that login is no longer true: it goes with the logout.
    expect(await page.getByText(`Logged in to ${AUTH} as berth.`).count()).toBe(0);
  });

  it('searches the local registry, shows the pushed repository with its tag, and Pull opens the pull dialog', async () => {
    await page.getByLabel('Registry', { exact: true }).fill(OPEN);
    await page.getByLabel('Search images').fill(repo.split('/')[1] ?? repo);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByRole('table', { name: 'Search results' });
    await results.waitFor({ timeout: 20_000 });
    const row = results.getByRole('row').filter({ hasText: repo });
    expect(await row.count()).toBe(1);
    const tag = row.getByRole('combobox', { name: `Tag of ${repo}` });
    expect(await tag.inputValue()).toBe('v1');

    await row.getByRole('button', { name: `Pull ${pushed}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Pull an image' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Image reference').inputValue()).toBe(pushed);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('lists the best matches first (exact, then prefix, then the rest), not in the catalog’s order', async () => {
    await page.getByLabel('Registry', { exact: true }).fill(OPEN);
    await page.getByLabel('Search images').fill(term);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `3 repositories on ${OPEN}.` }).waitFor({ timeout: 20_000 });
    const names = await page.getByRole('table', { name: 'Search results' }).locator('tbody tr td:first-child').allInnerTexts();
    expect(names).toEqual(ordered);
  });

  it('says which search found nothing', async () => {
    const none = `no-such-repo-${Date.now().toString(36)}`;
    await page.getByLabel('Registry', { exact: true }).fill(OPEN);
    await page.getByLabel('Search images').fill(none);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `No repositories on ${OPEN} match “${none}”.` }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('table', { name: 'Search results' }).count()).toBe(0);
  });

  it('asks to log in before searching the registry with basic auth', async () => {
    await page.getByLabel('Registry', { exact: true }).fill(AUTH);
    await page.getByLabel('Search images').fill('berth');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: AUTH });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.innerText()).toBe(`Registry ${AUTH} requires authentication: log in first`);

    // Logging in to that registry runs the search again: the stale error goes without another click.
    await login('berth-secret');
    await page.getByText(`Logged in to ${AUTH} as berth.`).waitFor({ timeout: 20_000 });
    await page.getByRole('status').filter({ hasText: `on ${AUTH}` }).waitFor({ timeout: 20_000 });
    expect(await alert.count()).toBe(0);
    // The focus lands on the new entry of the list, not on the page.
    await expect
      .poll(() => page.evaluate(() => (document.activeElement?.tagName === 'TR' ? (document.activeElement as HTMLElement).dataset.server : document.activeElement?.tagName)))
      .toBe(AUTH);
    expect(errors).toEqual([]);
  });

  it('logging out of a registry clears what its search found with those credentials', async () => {
    await page.getByLabel('Registry', { exact: true }).fill(AUTH);
    await page.getByLabel('Search images').fill(authRepo.split('/')[1] ?? authRepo);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByRole('table', { name: 'Search results' });
    await results.getByRole('row').filter({ hasText: authRepo }).waitFor({ timeout: 20_000 });

    const row = page.getByRole('table', { name: 'Known registries' }).getByRole('row').filter({ hasText: AUTH });
    await row.getByRole('button', { name: `Log out of ${AUTH}` }).click();
    await page.getByRole('alertdialog', { name: `Log out of ${AUTH}?` }).getByRole('button', { name: 'Log out', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `Logged out of ${AUTH}: its search results were cleared.` }).waitFor({ timeout: 10_000 });
    expect(await results.count()).toBe(0);
    expect(await page.getByRole('status').filter({ hasText: `on ${AUTH}` }).count()).toBe(0);

    // Searching again without credentials asks to log in, as before the login.
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: AUTH }).innerText(), { timeout: 20_000 }).toBe(`Registry ${AUTH} requires authentication: log in first`);
    expect(await page.getByText('its search results were cleared').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
