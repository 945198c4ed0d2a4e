import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';
import { docker, uniqueName } from './support/docker-cli.js';

const fixtures = resolve(__dirname, 'fixtures/build');
const tag = `${uniqueName('berth-e2e-build')}:1`;

describe('build an image', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let dialog: Locator;
  /** The image the tag was moved off by a later build (untagged: removed at the end). */
  let left = '';

  beforeAll(async () => {
    berth = await startBerth(['--no-embedded-engine']);
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, berth, '#/images'));
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    dialog = page.getByRole('dialog', { name: 'Build an image' });
    await dialog.waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
    await docker('rmi', '-f', tag).catch(() => undefined);
    if (left) await docker('rmi', '-f', left).catch(() => undefined);
  });

  const step = (n: number, status: string) => dialog.getByRole('listitem', { name: new RegExp(`^Step ${n}: .*\\(${status}\\)$`) });
  const status = () => dialog.getByRole('status');
  /** "Build", or "Build again" after a build from the same context folder. */
  const buildButton = () => dialog.getByRole('button', { name: /^Build( again)?$/ });

  it('builds the two-stage fixture live, step by step, then shows cache hits on the second build', async () => {
    await dialog.getByLabel('Context folder').fill(resolve(fixtures, 'two-stage'));
    await dialog.getByLabel('Tags').fill(tag);
    await dialog.getByRole('button', { name: 'Add build arg' }).click();
    await dialog.getByLabel('Build arg 1 name').fill('GREETING');
    await dialog.getByLabel('Build arg 1 value').fill('salut');
    // First build without the cache: every step runs.
    await dialog.getByLabel(/No cache/).check();
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    await expect.poll(() => status().innerText(), { timeout: 60_000 }).toMatch(/^Built [0-9a-f]{12} tagged /);
    expect(await status().innerText()).toContain(tag);
    expect(await dialog.getByRole('listitem', { name: /^Step \d+: / }).count()).toBe(7);
    expect(await dialog.getByText('cached', { exact: true }).count()).toBe(0);
    // The last step's output (it printed the build arg) is one click away.
    await step(7, 'done').getByRole('button', { name: /Show output/ }).click();
    expect(await step(7, 'done').innerText()).toContain('salut from the berth fixture');

    // Second build with the cache: the RUN/COPY steps are cache hits, visibly marked.
    await dialog.getByLabel(/No cache/).uncheck();
    await dialog.getByRole('button', { name: 'Build again' }).click();
    await expect.poll(() => status().innerText(), { timeout: 60_000 }).toMatch(/^Built .*\(5 steps from cache\)/);
    for (const n of [2, 4, 6, 7]) await expect.poll(() => step(n, 'cached').count()).toBe(1);
    const badge = step(2, 'cached').getByText('cached', { exact: true });
    expect(await badge.isVisible()).toBe(true);
    expect(await step(1, 'done').count()).toBe(1); // FROM is not a cache hit
    expect(await docker('image', 'inspect', '-f', '{{.Id}}', tag)).toMatch(/^sha256:/);
    expect(await status().innerText()).not.toContain('before this build');

    // Another build arg makes another image: the tag moves to it, and the image it leaves has no tag left.
    left = await docker('image', 'inspect', '-f', '{{.Id}}', tag);
    await dialog.getByLabel('Build arg 1 value').fill('hola');
    await dialog.getByRole('button', { name: 'Build again' }).click();
    await expect.poll(() => status().innerText(), { timeout: 60_000 }).toContain(`${tag} named image ${left.replace('sha256:', '').slice(0, 12)} before this build, which now has no tag`);
    expect(await docker('image', 'inspect', '-f', '{{len .RepoTags}}', left)).toBe('0');
    expect(errors).toEqual([]);
  });

  it('another context folder clears the last build’s result: it described the old folder', async () => {
    expect(await status().innerText()).toMatch(/^Built /);
    await dialog.getByLabel('Context folder').fill(resolve(fixtures, 'syntax-error'));
    await expect.poll(() => dialog.getByRole('region', { name: 'Build log' }).count()).toBe(0);
    expect(await status().count()).toBe(0);
    expect(await dialog.getByRole('link', { name: 'Explore its layers' }).count()).toBe(0);
    // Nothing was built from this folder yet: the button says Build, not Build again.
    expect(await dialog.getByRole('button', { name: 'Build', exact: true }).isEnabled()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('a Dockerfile syntax error shows the failing line on screen', async () => {
    await dialog.getByLabel('Context folder').fill(resolve(fixtures, 'syntax-error'));
    await dialog.getByLabel('Tags').fill('');
    await buildButton().click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    const text = await alert.innerText();
    expect(text).toContain('dockerfile parse error line 3: unknown instruction: RUNN');
    expect(text).toContain('Dockerfile line 3');
    expect(text).toContain('RUNN echo this instruction does not exist');
    expect(errors).toEqual([]);
  });

  it('bad input gets a specific message before anything is sent', async () => {
    await dialog.getByLabel('Context folder').fill('relative/path');
    await dialog.getByLabel('Tags').fill('Bad:Tag');
    await buildButton().click();
    await expect.poll(() => dialog.getByRole('alert').allInnerTexts()).toEqual(
      expect.arrayContaining(['The context folder must be an absolute path on the Berth back-end host', 'Tag "Bad:Tag" must be lowercase in the repository name']),
    );
    await dialog.getByLabel('Context folder').fill(resolve(fixtures, 'does-not-exist'));
    await dialog.getByLabel('Tags').fill('');
    await buildButton().click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain(`The context folder ${resolve(fixtures, 'does-not-exist')} does not exist`);
  });

  it('a fixed input clears the last failure: a new input error never shows beside a stale one', async () => {
    await dialog.getByLabel('Context folder').fill(resolve(fixtures, 'two-stage'));
    await dialog.getByLabel('Dockerfile', { exact: true }).fill('Nope.Dockerfile');
    await buildButton().click();
    await expect.poll(() => dialog.getByRole('alert').allInnerTexts(), { timeout: 30_000 }).toEqual([expect.stringMatching(/Nope\.Dockerfile/)]);
    // The Dockerfile path fixed, then an invalid tag: only the tag's error shows.
    await dialog.getByLabel('Dockerfile', { exact: true }).fill('Dockerfile');
    await dialog.getByLabel('Tags').fill('Bad:Tag');
    await buildButton().click();
    await expect.poll(() => dialog.getByRole('alert').allInnerTexts()).toEqual(['Tag "Bad:Tag" must be lowercase in the repository name']);
    await dialog.getByLabel('Tags').fill('');
  });

  it('a target stage the Dockerfile does not have is named, with the field to correct', async () => {
    await dialog.getByLabel('Context folder').fill(resolve(fixtures, 'two-stage'));
    await dialog.getByLabel('Target stage').fill('nosuch');
    await buildButton().click();
    await expect.poll(() => dialog.getByRole('alert').innerText(), { timeout: 30_000 }).toContain('The Dockerfile has no stage named "nosuch": correct the Target stage');
    await dialog.getByLabel('Target stage').fill('');
  });

  it('Cancel build marks the step that was running "cancelled", not failed', async () => {
    await dialog.getByLabel('Context folder').fill(resolve(fixtures, 'long-run'));
    await buildButton().click();
    await step(2, 'running').waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Cancel build' }).click();
    await expect.poll(() => status().innerText()).toContain('The build was cancelled.');
    await step(2, 'cancelled').waitFor();
    expect(await step(2, 'cancelled').getByText('cancelled', { exact: true }).isVisible()).toBe(true);
    expect(await dialog.getByText('failed', { exact: true }).count()).toBe(0);
    expect(await dialog.getByRole('alert').count()).toBe(0);
    expect(await step(1, 'done').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
