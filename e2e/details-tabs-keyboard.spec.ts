import { describe, expect, it } from 'vitest';
import { docker, testImage, uniqueName } from './support/docker-cli.js';
import { useAppSession } from './support/session.js';

describe('details pages: tabs by keyboard', () => {
  const app = useAppSession('berth-e2e-h11-tabs');

  it('image details: one Tab stop in the tabs; the arrows, Home and End open the next tab and keep the focus on it', async () => {
    const id = await docker('image', 'inspect', '-f', '{{.Id}}', testImage);
    const page = app.page;
    await page.evaluate((hash) => (location.hash = hash), `#/images/${encodeURIComponent(id.trim())}/inspect`);
    const tabs = page.getByRole('tablist', { name: 'Image details' });
    await tabs.getByRole('tab', { name: 'Inspect', selected: true }).waitFor({ timeout: 20_000 });
    expect(await tabs.getByRole('tab').evaluateAll((els) => els.map((e) => e.getAttribute('tabindex')))).toEqual(['0', '-1', '-1']);

    const focused = () => page.evaluate(() => `${document.activeElement?.getAttribute('role')}:${document.activeElement?.textContent ?? ''}`);
    await tabs.getByRole('tab', { name: 'Inspect' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/\/history$/);
    expect(await focused()).toBe('tab:History');
    await page.getByRole('tabpanel', { name: 'History' }).getByRole('table', { name: 'History' }).waitFor();
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/\/layers$/);
    expect(await focused()).toBe('tab:Layers');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/\/inspect$/);
    expect(await focused()).toBe('tab:Inspect');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/\/layers$/);
    await page.keyboard.press('Home');
    await tabs.getByRole('tab', { name: 'Inspect', selected: true }).waitFor();

    // Tab leaves the tab list for the panel: the other tabs are no stops of their own.
    await page.keyboard.press('Tab');
    expect(await focused()).not.toMatch(/^tab:/);
    expect(app.errors).toEqual([]);
  });

  it('Enter on a list row opens its details with the focus on the page title, not lost to the document', async () => {
    const name = uniqueName('berth-e2e-h11-tabs');
    await docker('create', '--name', name, testImage, 'true');
    const page = app.page;
    await page.evaluate(() => (location.hash = '#/containers'));
    await app.row(name).waitFor({ timeout: 20_000 });
    await app.row(name).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('tablist', { name: 'Container details' }).waitFor();
    const focused = () => page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.textContent ?? ''}`);
    await expect.poll(focused).toBe('H1:Containers');
    // Another tab of the same container keeps the focus on the tabs.
    await page.getByRole('tab', { name: 'Inspect' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/\/ports$/);
    expect(await focused()).toBe('A:Ports');
    expect(app.errors).toEqual([]);
  });
});
