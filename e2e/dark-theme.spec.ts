import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrastRatio, textContrasts } from './support/contrast.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';
import { closeSession, openSession, type AppSession } from './support/session.js';

// Colours that axe (accessibility.spec.ts) does not reach: SVG text on SVG shapes (the network map), tags
// whose colour a component sets per element (the merged logs' sources) and placeholders. Both themes, as the user
// picks them in Settings › Theme.
const prefix = 'berth-e2e-dark';
const network = uniqueName('berth-e2e-dark-net');
const project = uniqueName('berthdarkproj');
const container = uniqueName(prefix);
const services = ['web', 'db', 'cache', 'queue'];

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), '#/settings');
  await page.getByRole('radio', { name: theme === 'dark' ? 'Dark' : 'Light' }).check();
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
}

describe('dark theme: text stays readable where axe does not look', () => {
  let s: AppSession;

  beforeAll(async () => {
    await docker('network', 'create', network);
    await docker('run', '-d', '--name', container, '--network', network, testImage, 'sleep', '600');
    for (const service of services) {
      const labels = ['--label', `com.docker.compose.project=${project}`, '--label', `com.docker.compose.service=${service}`];
      await docker('run', '-d', '--name', uniqueName(`${prefix}-${service}`), ...labels, testImage, 'sh', '-c', `while true; do echo ${service}-tick; sleep 1; done`);
    }
    s = await openSession();
  });

  afterAll(async () => {
    expect(await closeSession(s)).toBe(0);
    await removeContainers(prefix);
    await docker('network', 'rm', network).catch(() => undefined);
  });

  for (const theme of ['dark', 'light'] as const) {
    it(`network map (${theme}): container names read on their boxes at 4.5:1`, async () => {
      const { page } = s;
      await setTheme(page, theme);
      await page.evaluate(() => (window.location.hash = '#/networks'));
      await page.getByRole('link', { name: 'Map', exact: true }).click();
      const nodes = page.getByRole('group', { name: 'Network map' }).locator('.net-map__node');
      await nodes.first().waitFor({ timeout: 15_000 });
      const pairs = await nodes.evaluateAll((gs) =>
        gs.map((g) => ({ name: g.querySelector('.net-map__node-name')?.textContent ?? '', text: getComputedStyle(g.querySelector('.net-map__node-name')!).fill, box: getComputedStyle(g.querySelector('rect')!).fill })),
      );
      expect(pairs.length).toBeGreaterThan(0);
      const low = pairs.map((p) => ({ name: p.name, ratio: contrastRatio(p.text, [p.box]) })).filter((p) => p.ratio < 4.5);
      expect(low).toEqual([]);
    });

    it(`compose merged logs (${theme}): every source's tag reads at 4.5:1, in the list and in the log`, async () => {
      const { page } = s;
      await setTheme(page, theme);
      await page.evaluate(() => (window.location.hash = '#/compose'));
      await page.getByRole('button', { name: new RegExp(`^${project}`) }).click();
      await page.getByRole('button', { name: 'Logs', exact: true }).click();
      const log = page.getByRole('log', { name: `Logs of ${project}` });
      await expect.poll(async () => new Set(await log.locator('.merged-line__tag').allInnerTexts()).size, { timeout: 20_000 }).toBe(services.length);
      const sources = await textContrasts(page.getByRole('group', { name: 'Sources' }).locator('.merged-logs__tag'));
      const lines = await textContrasts(log.locator('.merged-line__tag'));
      expect(sources.length).toBe(services.length);
      expect(lines.length).toBeGreaterThan(0);
      expect([...sources, ...lines].filter((t) => t.ratio < 4.5)).toEqual([]);
      await page.getByRole('button', { name: 'Hide logs' }).click();
    });

    it(`text fields (${theme}): placeholders read at 4.5:1`, async () => {
      const { page } = s;
      await setTheme(page, theme);
      await page.evaluate(() => (window.location.hash = '#/compose'));
      const fields = page.locator('main input[placeholder]');
      await fields.first().waitFor();
      const placeholders = await textContrasts(fields, '::placeholder');
      expect(placeholders.length).toBeGreaterThan(1);
      expect(placeholders.filter((p) => p.ratio < 4.5)).toEqual([]);
    });

    it(`text fields (${theme}): a field with no page rule of its own (Files › New folder) takes the theme's look`, async () => {
      const { page } = s;
      await setTheme(page, theme);
      await page.evaluate((h) => (window.location.hash = h), `#/containers/${container}/files`);
      await page.getByRole('button', { name: 'New folder' }).click();
      const field = page.getByRole('form', { name: 'New folder' }).getByRole('textbox');
      const look = await field.evaluate((el) => {
        const cs = getComputedStyle(el);
        const probe = document.createElement('div');
        probe.style.cssText = 'background: var(--surface); border: 1px solid var(--border-strong); color: var(--text)';
        document.body.append(probe);
        const theme = getComputedStyle(probe);
        const want = { background: theme.backgroundColor, border: theme.borderTopColor, text: theme.color };
        probe.remove();
        return { got: { background: cs.backgroundColor, border: cs.borderTopColor, text: cs.color }, want };
      });
      expect(look.got).toEqual(look.want);
      await page.keyboard.press('Escape');
    });
  }

  it('terminal: painted in the log view’s colours, and repainted when the theme changes while it is open', async () => {
    const { page } = s;
    await setTheme(page, 'light');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('radio', { name: 'System' }).check();
    await page.evaluate((h) => (window.location.hash = h), `#/containers/${container}/terminal`);
    const viewport = page.locator('.terminal-frame .xterm-scrollable-element');
    await viewport.waitFor({ timeout: 15_000 });
    /** The terminal's background, its frame's, and the log view's (--log-bg), as computed colours. */
    const colours = () =>
      viewport.evaluate((el) => {
        const probe = document.createElement('div');
        probe.style.background = 'var(--log-bg)';
        document.body.append(probe);
        const log = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return { terminal: getComputedStyle(el).backgroundColor, frame: getComputedStyle(el.closest('.terminal-frame')!).backgroundColor, log };
      });
    const light = await colours();
    expect(light.terminal).toBe(light.log);
    expect(light.frame).toBe(light.log);
    // The OS turns dark while the terminal is open (theme "System"): it follows, as the log view does.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(async () => (await colours()).terminal).not.toBe(light.terminal);
    const dark = await colours();
    expect(dark.terminal).toBe(dark.log);
    expect(dark.frame).toBe(dark.log);
    await page.emulateMedia({ colorScheme: null });
  });
});
