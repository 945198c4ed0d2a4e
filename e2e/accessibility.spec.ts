import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';
import { closeSession, openSession, type AppSession } from './support/session.js';

// Evaluated, not added as a <script>: the app's CSP (script-src 'self') refuses inline scripts, and
// evaluation from the DevTools protocol is not subject to it.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const prefix = 'berth-e2e-a11y';
const volume = uniqueName('berth-e2e-a11y-vol');
const network = uniqueName('berth-e2e-a11y-net');
const running = uniqueName(prefix);
const exited = uniqueName(prefix);
const project = uniqueName('berthallyproj');
const service = uniqueName(prefix);

interface AxeResult {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe-core in the page, WCAG 2.0/2.1 A and AA rules, on the whole document. */
async function runAxe(page: Page): Promise<AxeResult[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeResult[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

function describeViolations(where: string, violations: AxeResult[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${where}: ${v.id} (${v.impact ?? '?'}) ${v.help} at ${JSON.stringify(n.target)}\n    ${(n.failureSummary ?? '').replace(/\n/g, '\n    ')}`),
  );
}

/** Go to a hash route without reloading, and wait for the page to settle (no spinner, no busy region). */
async function visit(page: Page, hash: string, ready: (page: Page) => Promise<unknown>): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await ready(page);
  await page.waitForFunction(() => !document.querySelector('main .spinner, main [aria-busy="true"]'), null, { timeout: 4000 }).catch(() => undefined);
  // Let transitions (120 ms hovers, fades) end so colours are read at rest.
  await page.waitForTimeout(250);
}

const heading = (name: string | RegExp) => (page: Page) => page.getByRole('heading', { name }).first().waitFor({ timeout: 15_000 });
const tabReady = (name: string) => (page: Page) => page.getByRole('tab', { name, exact: true, selected: true }).waitFor({ timeout: 15_000 });

const pages: { name: string; hash: () => string; ready: (page: Page) => Promise<unknown> }[] = [
  { name: 'Containers', hash: () => '#/containers', ready: (p) => p.getByRole('row', { name: running, exact: true }).waitFor({ timeout: 15_000 }) },
  { name: 'Recently removed', hash: () => '#/recently-removed', ready: heading(/Recently removed/i) },
  ...['logs', 'terminal', 'stats', 'files', 'inspect', 'ports', 'networks', 'resources'].map((tab) => ({
    name: `Container details: ${tab}`,
    hash: () => `#/containers/${running}/${tab}`,
    ready: tabReady(tab[0]!.toUpperCase() + tab.slice(1)),
  })),
  { name: 'Compose', hash: () => '#/compose', ready: heading('Compose') },
  { name: 'Images', hash: () => '#/images', ready: (p) => p.getByRole('table', { name: /images/i }).first().waitFor({ timeout: 15_000 }) },
  ...['inspect', 'history', 'layers'].map((tab) => ({
    name: `Image details: ${tab}`,
    hash: () => `#/images/${encodeURIComponent(testImage)}/${tab}`,
    ready: tabReady(tab[0]!.toUpperCase() + tab.slice(1)),
  })),
  { name: 'Volumes', hash: () => '#/volumes', ready: (p) => p.getByRole('row', { name: volume }).waitFor({ timeout: 15_000 }) },
  { name: 'Volume details', hash: () => `#/volumes/${volume}`, ready: heading(volume) },
  { name: 'Networks', hash: () => '#/networks', ready: (p) => p.getByRole('row', { name: network }).first().waitFor({ timeout: 15_000 }) },
  { name: 'Network details', hash: () => `#/networks/${network}`, ready: heading(network) },
  { name: 'Registries', hash: () => '#/registries', ready: heading('Registries') },
  { name: 'Disk usage', hash: () => '#/disk-usage', ready: heading('Disk usage') },
  { name: 'Engine', hash: () => '#/engine', ready: heading('Engine') },
  { name: 'Settings', hash: () => '#/settings', ready: heading('Settings') },
];

describe('accessibility: axe-core finds no WCAG 2.1 A/AA violation', () => {
  let s: AppSession;

  beforeAll(async () => {
    await docker('run', '-d', '--name', running, '-p', '127.0.0.1::80', testImage, 'httpd', '-f', '-p', '80', '-h', '/www');
    await docker('create', '--name', exited, testImage, 'true');
    await docker('run', '-d', '--name', service, '--label', `com.docker.compose.project=${project}`, '--label', 'com.docker.compose.service=web', testImage, 'sleep', '600');
    await docker('volume', 'create', volume);
    await docker('network', 'create', network);
    s = await openSession();
  });

  afterAll(async () => {
    expect(await closeSession(s)).toBe(0);
    await removeContainers(prefix);
    await docker('volume', 'rm', volume).catch(() => undefined);
    await docker('network', 'rm', network).catch(() => undefined);
  });

  it('covers every page in the sidebar', async () => {
    const links = await s.page.getByRole('navigation', { name: 'Main' }).getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter((href) => !pages.some((p) => p.hash() === href))).toEqual([]);
  });

  it('the frame painted while the script is still on its way is accessible, and the app replaces it', async () => {
    // renderer/index.html's frame (bench/first-row.ts): shown before the main script runs, already in
    // the OS's scheme (public/theme-early.js), so a dark desktop sees no light flash.
    const context = await s.browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'dark' });
    try {
      const page = await context.newPage();
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${s.berth.url}#/containers`, { waitUntil: 'commit' });
      await page.getByRole('status').filter({ hasText: 'Loading…' }).waitFor({ timeout: 10_000 });
      expect(await page.locator('.sidebar__name').innerText()).toBe('Berth');
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      const found = describeViolations('frame before the script', await runAxe(page));
      expect(found).toEqual([]);
      release();
      await page.getByRole('table', { name: 'Containers' }).waitFor({ timeout: 15_000 });
      expect(await page.getByText('Loading…').count()).toBe(0);
      expect(await page.locator('.shell').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  for (const scheme of ['light', 'dark'] as const) {
    describe(`${scheme} scheme`, () => {
      beforeAll(async () => {
        await s.page.emulateMedia({ colorScheme: scheme });
      });

      for (const p of pages) {
        it(p.name, async (ctx) => {
          // A page not (yet) in this build's sidebar, such as Settings while it is being written.
          const top = p.hash().split('/').slice(0, 2).join('/');
          if (!(await s.page.locator(`nav[aria-label="Main"] a[href="${top}"]`).count())) return ctx.skip();
          await visit(s.page, p.hash(), p.ready);
          expect(await s.page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
          // The theme setting ("system" here) follows the OS scheme onto <html data-theme>.
          expect([undefined, scheme]).toContain(await s.page.evaluate(() => document.documentElement.dataset.theme));
          const found = describeViolations(`${p.name} (${scheme})`, await runAxe(s.page));
          if (found.length) console.log(found.join('\n'));
          expect(found).toEqual([]);
          expect(s.errors).toEqual([]);
        });
      }
    });
  }
});
