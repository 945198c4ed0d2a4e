import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, type AppSession } from './support/session.js';
import { docker, uniqueName } from './support/docker-cli.js';
import { buildMultiLayerImage, removeImages } from './support/images-fixtures.js';

const repo = `berth-e2e/${uniqueName('berth-e2e-tagmove')}`;
const a = `${repo}:a`;
const b = `${repo}:b`;
const fresh = `${repo}:fresh`;

const idOf = (ref: string) => docker('image', 'inspect', '--format', '{{.Id}}', ref);

/** Tagging with a name another image has moves it away from that image: the dialog asks first. */
describe('tag dialog: a name another image has moves only once confirmed', () => {
  let s: AppSession;
  let idA = '';
  let idB = '';

  beforeAll(async () => {
    idA = await buildMultiLayerImage(a, { steps: 1, kib: 4 });
    idB = await buildMultiLayerImage(b, { steps: 1, kib: 4 });
    s = await openSession('#/images', (page) => page.getByRole('table', { name: 'Images' }).waitFor());
  });

  afterAll(async () => {
    expect(await closeSession(s)).toBe(0);
    await removeImages(a, b, fresh, idA, idB);
  });

  it('asks before taking the name from the other image; Keep leaves it, Move moves it', async () => {
    const { page } = s;
    await page.getByRole('searchbox', { name: 'Search images' }).fill(repo);
    const row = page.getByRole('row', { name: a, exact: true });
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole('button', { name: `Tag or push ${a}` }).click();
    const d = page.getByRole('dialog', { name: `Tag or push ${a}` });
    const target = d.getByLabel('Target reference');
    const shortB = idB.replace('sha256:', '').slice(0, 12);
    const ask = d.getByRole('group', { name: `Move ${b} to this image?` });

    // A name no image has is tagged at once.
    await target.fill(fresh);
    await d.getByRole('button', { name: 'Tag', exact: true }).click();
    await d.getByRole('status').filter({ hasText: `Tagged ${fresh}` }).waitFor();
    expect(await idOf(fresh)).toBe(idA);
    expect(await ask.count()).toBe(0);

    await target.fill(b);
    await d.getByRole('button', { name: 'Tag', exact: true }).click();
    await ask.waitFor();
    expect(await ask.innerText()).toContain(`already names another image, ${shortB}`);
    expect(await idOf(b)).toBe(idB);
    const keep = ask.getByRole('button', { name: `Keep it on ${shortB}` });
    expect(await keep.evaluate((el) => el === document.activeElement)).toBe(true);
    await keep.click();
    await expect.poll(() => ask.count()).toBe(0);
    expect(await idOf(b)).toBe(idB);

    await d.getByRole('button', { name: 'Tag', exact: true }).click();
    await ask.getByRole('button', { name: 'Move the name' }).click();
    await d.getByRole('status').filter({ hasText: `Tagged ${b}` }).waitFor();
    expect(await idOf(b)).toBe(idA);
    expect(s.errors).toEqual([]);
    await d.getByRole('button', { name: 'Close' }).click();
    await d.waitFor({ state: 'detached' });
  });

  it('a name this image already has is not "Tagged" again: the dialog says it already names it', async () => {
    const { page } = s;
    await page.getByRole('row', { name: a, exact: true }).getByRole('button', { name: `Tag or push ${a}` }).click();
    const d = page.getByRole('dialog', { name: `Tag or push ${a}` });
    const target = d.getByLabel('Target reference');
    // Opened with its own name: Tag at once changes nothing.
    expect(await target.inputValue()).toBe(a);
    await d.getByRole('button', { name: 'Tag', exact: true }).click();
    await d.getByRole('status').filter({ hasText: `${a} already names this image: type another reference to add a tag.` }).waitFor({ timeout: 10_000 });
    expect(await d.getByText(/^Tagged /).count()).toBe(0);
    // Another of its names (moved here above) says the same, and never asks to move it.
    await target.fill(fresh);
    await d.getByRole('button', { name: 'Tag', exact: true }).click();
    await d.getByRole('status').filter({ hasText: `${fresh} already names this image` }).waitFor({ timeout: 10_000 });
    expect(await d.getByRole('group', { name: /^Move / }).count()).toBe(0);
    expect(await idOf(fresh)).toBe(idA);
    expect(s.errors).toEqual([]);
  });
});
