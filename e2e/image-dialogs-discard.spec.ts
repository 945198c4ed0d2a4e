import { resolve } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, type AppSession } from './support/session.js';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { removeImages } from './support/images-fixtures.js';

const name = uniqueName('berth-e2e-imgdiscard');
const remote = `127.0.0.1:5000/berth-e2e/${name}:1`;
const built = `berth-e2e/${name}-built:1`;
const pushed = `127.0.0.1:5000/berth-e2e/${name}-pushed:1`;
const twoStage = resolve(__dirname, 'fixtures/build/two-stage');
const longRun = resolve(__dirname, 'fixtures/build/long-run');

/**
 * The Pull and Build dialogs, like the Run dialog: an untouched form closes at once; a typed one asks
 * before Escape, the ✕ or Close throw it away; one whose pull or build has finished closes at once.
 * The Tag or push dialog the same way.
 */
describe('pull and build dialogs: discard what was typed only when asked', () => {
  let s: AppSession;

  beforeAll(async () => {
    await docker('tag', testImage, remote);
    await docker('push', remote);
    await removeImages(remote);
    s = await openSession('#/images', (page) => page.getByRole('table', { name: 'Images' }).waitFor());
  });

  afterAll(async () => {
    expect(await closeSession(s)).toBe(0);
    await removeImages(remote, built, pushed);
  });

  const gone = (l: Locator) => expect.poll(() => l.count()).toBe(0);

  it('Pull: untouched closes at once; typed asks (Escape, Close); after a finished pull it closes at once', async () => {
    const { page } = s;
    const open = page.getByRole('main').getByRole('button', { name: 'Pull', exact: true });
    const dialog = page.getByRole('dialog', { name: 'Pull an image' });
    const ask = dialog.getByRole('group', { name: 'Discard the image reference you typed?' });
    const input = dialog.getByLabel('Image reference');

    await open.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await gone(dialog);

    await open.click();
    await input.fill('busybox:1.36');
    await page.keyboard.press('Escape');
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await gone(ask);
    expect(await input.inputValue()).toBe('busybox:1.36');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Discard' }).click();
    await gone(dialog);

    // A fresh form; pulled, it closes at once (the reference was used, nothing is lost).
    await open.click();
    expect(await input.inputValue()).toBe('');
    await input.fill(remote);
    await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
    await dialog.getByRole('status').filter({ hasText: `Pulled ${remote}` }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape');
    await gone(dialog);

    // A reference edited after a failed pull is new typing again: it asks.
    await open.click();
    await input.fill('127.0.0.1:5999/nothing:1');
    await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
    await dialog.getByRole('alert').waitFor({ timeout: 20_000 });
    await input.fill('127.0.0.1:5999/nothing:2');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Discard' }).click();
    await gone(dialog);
    expect(s.errors).toEqual([]);
  });

  it('Build: untouched closes at once; typed asks (Escape, ✕); after a finished build it closes at once', async () => {
    const { page } = s;
    const open = page.getByRole('main').getByRole('button', { name: 'Build', exact: true });
    const dialog = page.getByRole('dialog', { name: 'Build an image' });
    const ask = dialog.getByRole('group', { name: 'Discard this build’s settings?' });
    const close = dialog.getByRole('button', { name: 'Close the build dialog' });
    const context = dialog.getByLabel('Context folder');

    await open.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await gone(dialog);

    await open.click();
    await dialog.getByLabel('Tags').fill(built);
    await page.keyboard.press('Escape');
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await gone(ask);
    expect(await dialog.getByLabel('Tags').inputValue()).toBe(built);
    await close.click();
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Discard' }).click();
    await gone(dialog);

    // A discarded context is not remembered for the next opening. The footer's Close asks as the ✕ does.
    await open.click();
    await context.fill(twoStage);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await ask.getByRole('button', { name: 'Discard' }).click();
    await gone(dialog);
    await open.click();
    expect(await context.inputValue()).toBe('');

    // Built, it closes at once; the next opening starts from that context and closes at once too.
    await context.fill(twoStage);
    await dialog.getByLabel('Tags').fill(built);
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    await expect.poll(() => dialog.getByRole('status').innerText(), { timeout: 60_000 }).toMatch(/^Built [0-9a-f]{12} tagged /);
    await close.click();
    await gone(dialog);
    await open.click();
    expect(await context.inputValue()).toBe(twoStage);
    await page.keyboard.press('Escape');
    await gone(dialog);
    expect(s.errors).toEqual([]);
  });

  it('Build: closing while a build runs asks first; Keep building keeps it running, Stop build stops it', async () => {
    const { page } = s;
    const dialog = page.getByRole('dialog', { name: 'Build an image' });
    const ask = dialog.getByRole('group', { name: 'The build is still running. Stop it and close?' });
    // The fixture's second step sleeps 30 s in a container of its own while the build runs.
    const sleeping = async () => (await docker('ps', '--no-trunc', '--format', '{{.Command}}')).split('\n').filter((c) => c.includes('cancel me')).length;
    await page.getByRole('main').getByRole('button', { name: 'Build', exact: true }).click();
    await dialog.getByLabel('Context folder').fill(longRun);
    // A run of this test that finished the step (a failure) must not leave it cached for the next one.
    await dialog.getByLabel('No cache (run every step again)').check();
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    await expect.poll(() => dialog.getByRole('status').innerText(), { timeout: 30_000 }).toMatch(/^Building: step 2 of 2/);
    await expect.poll(sleeping, { timeout: 30_000 }).toBe(1);

    // Escape by habit: the question, its safe answer focused; Escape again is that answer.
    await page.keyboard.press('Escape');
    await ask.waitFor();
    expect(await ask.getByRole('button', { name: 'Keep building' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await gone(ask);
    expect(await dialog.getByRole('status').innerText()).toMatch(/^Building: step 2 of 2/);
    expect(await sleeping()).toBe(1);

    // The ✕ asks too; Stop build closes the dialog and stops the build on the engine.
    await dialog.getByRole('button', { name: 'Close the build dialog' }).click();
    await ask.getByRole('button', { name: 'Stop build' }).click();
    await gone(dialog);
    await expect.poll(sleeping, { timeout: 20_000 }).toBe(0);
    expect(s.errors).toEqual([]);
  });

  it('Tag or push: a typed target asks before Escape or Close drop it; once pushed it closes at once', async () => {
    const { page } = s;
    const row = page.getByRole('row', { name: remote, exact: true });
    const dialog = page.getByRole('dialog', { name: `Tag or push ${remote}` });
    const ask = dialog.getByRole('group', { name: 'Discard the target reference you typed?' });
    const target = dialog.getByLabel('Target reference');
    const open = () => row.getByRole('button', { name: `Tag or push ${remote}` }).click();

    // Opened with the row's own name: untouched, it closes at once.
    await open();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await gone(dialog);

    await open();
    await target.fill(pushed);
    await page.keyboard.press('Escape');
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    expect(await target.inputValue()).toBe(pushed);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Discard' }).click();
    await gone(dialog);

    await open();
    await target.fill(pushed);
    await dialog.getByRole('button', { name: 'Push', exact: true }).click();
    await dialog.getByRole('status').filter({ hasText: `Pushed ${pushed}` }).waitFor({ timeout: 60_000 });
    // The headline says it is complete, not the engine's "<tag>: digest: … size: …" line.
    expect(await dialog.locator('.transfer__overall-text strong').innerText()).toBe('Push complete');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await gone(dialog);
    expect(s.errors).toEqual([]);
  });
});
