import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './support/berth.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-du';
const tag = uniqueName(prefix);
// Clean-ups here are limited to this label: other suites' stopped containers and volumes on the same engine stay.
const label = `dev.berth.e2e=${tag}`;
const stopped = `${tag}-stopped`;
const vol = `${tag}-vol`;

/** "1.984MB" (the CLI's decimal units) or "1.89 MiB" (Berth's binary units) → bytes. */
function bytes(text: string): number {
  const m = /([\d.]+)\s*(B|kB|KB|MB|GB|KiB|MiB|GiB)\b/.exec(text);
  if (!m) return NaN;
  const unit: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };
  return Number(m[1]) * unit[m[2]!]!;
}

async function cliDf(): Promise<Map<string, { size: number; reclaimable: number; count: number }>> {
  const kinds: Record<string, string> = { Images: 'Images', Containers: 'Containers', 'Local Volumes': 'Volumes', 'Build Cache': 'Build cache' };
  const lines = (await docker('system', 'df', '--format', '{{json .}}')).split('\n').map((l) => JSON.parse(l) as { Type: string; TotalCount: string; Size: string; Reclaimable: string });
  return new Map(lines.map((l) => [kinds[l.Type]!, { size: bytes(l.Size), reclaimable: bytes(l.Reclaimable), count: Number(l.TotalCount) }]));
}

/** Both round to about 3 significant digits: within 1 % (or 2 kB near zero). */
const near = (a: number, b: number) => Math.abs(a - b) <= Math.max(2000, Math.max(a, b) * 0.01);

describe('disk usage page: figures, preview, prune per kind, clean up everything', () => {
  let berth: RunningBerth;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    await docker('volume', 'create', '--label', label, vol);
    await docker('run', '--name', stopped, '--label', label, '-v', `${vol}:/v`, testImage, 'sh', '-c', 'dd if=/dev/zero of=/big bs=1k count=400 2>/dev/null; dd if=/dev/zero of=/v/f bs=1k count=200 2>/dev/null');
    berth = await startBerth(['--no-embedded-engine']);
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, berth, '#/disk-usage'));
    await page.getByRole('table', { name: 'Disk usage' }).waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    expect(await berth?.stop()).toBe(0);
    await removeContainers(prefix);
    await docker('volume', 'rm', '-f', vol).catch(() => undefined);
  });

  const cells = (kind: string) => page.getByRole('table', { name: 'Disk usage' }).getByRole('row', { name: kind, exact: true }).getByRole('cell').allInnerTexts();

  it('shows images, containers, volumes and build cache as `docker system df` does, within rounding (images: no more reclaimable than it)', async () => {
    // Other suites may change the engine meanwhile: measure, read the CLI, and allow one more round.
    let mismatch = '';
    for (let round = 0; round < 3; round++) {
      await page.getByRole('button', { name: 'Measure again' }).click();
      await page.getByRole('button', { name: 'Measure again' }).waitFor();
      await expect.poll(() => page.getByRole('button', { name: 'Measure again' }).isEnabled()).toBe(true);
      const cli = await cliDf();
      mismatch = '';
      for (const kind of ['Images', 'Containers', 'Volumes', 'Build cache']) {
        const [count, , size, reclaimable] = await cells(kind);
        const c = cli.get(kind)!;
        // Images: never more than the CLI's reclaimable, which counts bytes images in use share (docker/cli#1751).
        const sameReclaimable = kind === 'Images' ? bytes(reclaimable!) <= c.reclaimable + 2000 : near(bytes(reclaimable!), c.reclaimable);
        if (Number(count) !== c.count || !near(bytes(size!), c.size) || !sameReclaimable) mismatch += `${kind}: ours ${count} ${size} ${reclaimable}, CLI ${JSON.stringify(c)}; `;
      }
      if (!mismatch) break;
    }
    expect(mismatch).toBe('');
    // The stopped container uses the test image: the page says why its images figure can be below the CLI's.
    expect(await page.getByText('Reclaimable images: only what a prune would free.').innerText()).toContain('docker system df can show more');
  });

  it('fits a 700 px window: the page does not scroll sideways and every Prune button is in view', async () => {
    await page.setViewportSize({ width: 700, height: 800 });
    try {
      const table = page.getByRole('table', { name: 'Disk usage' });
      await table.waitFor();
      const pageBox = await page.locator('.du-page').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(pageBox.scroll).toBeLessThanOrEqual(pageBox.client);
      const right = await page.locator('.du-page').evaluate((el) => el.getBoundingClientRect().right);
      for (const button of await table.getByRole('button', { name: /^Prune / }).all()) {
        const b = (await button.boundingBox())!;
        expect(b.x + b.width).toBeLessThanOrEqual(right);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('refuses bad clean-up input with specific messages', async () => {
    await page.getByRole('button', { name: 'Clean up everything…' }).click();
    const d = page.getByRole('dialog', { name: 'Clean up everything' });
    const labelField = d.getByLabel('Only objects with the label');
    await labelField.fill('=x');
    await expect.poll(() => d.locator('#du-label-error').innerText(), { timeout: 10_000 }).toBe('A label filter is "key" or "key=value"');
    await labelField.fill(label);
    await expect.poll(() => d.locator('#du-label-error').innerText(), { timeout: 10_000 }).toBe('Build cache records carry no labels: leave build cache out when filtering by label');
    for (const k of ['Containers', 'Images', 'Volumes', 'Build cache']) await d.getByRole('checkbox', { name: new RegExp(`^${k}:`) }).uncheck();
    await expect.poll(() => d.getByRole('alert').innerText()).toBe('Choose at least one kind to clean up');
    expect(await d.getByRole('button', { name: 'Nothing to remove' }).isDisabled()).toBe(true);
    await d.getByRole('button', { name: 'Cancel' }).click();
  });

  it('prunes stopped containers after a preview, and says what was really freed', async () => {
    await page.getByRole('button', { name: 'Prune containers' }).click();
    const d = page.getByRole('dialog', { name: 'Prune containers' });
    expect(await d.getByRole('checkbox', { name: /^Containers:/ }).isChecked()).toBe(true);
    expect(await d.getByRole('checkbox', { name: /^Volumes:/ }).isChecked()).toBe(false);
    await d.getByLabel('Only objects with the label').fill(label);
    const preview = d.getByRole('region', { name: 'Containers to remove' });
    await preview.waitFor({ timeout: 10_000 });
    expect(await preview.innerText()).toContain(stopped);
    const summary = await d.getByRole('status').innerText();
    expect(summary).toMatch(/^Will remove 1 item and free at least [\d.]+ (KiB|MiB)\. What is removed here is not kept in “Recently removed” and cannot be restored\.$/);
    expect(bytes(summary)).toBeGreaterThanOrEqual(400 * 1024);
    // Looking removed nothing.
    expect(await docker('ps', '-aq', '--filter', `name=^/${stopped}$`)).not.toBe('');
    await d.getByRole('button', { name: 'Remove 1 item' }).click();
    const result = d.getByRole('status').filter({ hasText: /^Freed/ });
    await result.waitFor({ timeout: 30_000 });
    expect(bytes(await result.innerText())).toBeGreaterThanOrEqual(400 * 1024);
    expect(await result.innerText()).toContain('Containers: 1 container removed');
    expect(await docker('ps', '-aq', '--filter', `name=^/${stopped}$`)).toBe('');
    await d.getByRole('button', { name: 'Close' }).click();
  });

  it('cleans up everything with the label: the volume only the removed container used goes, its space reported', async () => {
    await page.getByRole('button', { name: 'Clean up everything…' }).click();
    const d = page.getByRole('dialog', { name: 'Clean up everything' });
    await d.getByRole('checkbox', { name: /^Build cache:/ }).uncheck();
    await d.getByLabel('Only objects with the label').fill(label);
    const volumes = d.getByRole('region', { name: 'Volumes to remove' });
    await volumes.waitFor({ timeout: 10_000 });
    expect(await volumes.innerText()).toMatch(new RegExp(`${vol} 200 KiB`));
    await d.getByRole('button', { name: 'Remove 1 item' }).click();
    const result = d.getByRole('status').filter({ hasText: /^Freed/ });
    await result.waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toContain('Volumes: 1 volume removed, 200 KiB freed');
    expect(await docker('volume', 'ls', '-q', '--filter', `name=${vol}`)).toBe('');
    await d.getByRole('button', { name: 'Close' }).click();
    expect(errors).toEqual([]);
  });
});
