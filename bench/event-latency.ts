import type { Browser } from 'playwright-core';
import { launchBrowser, openApp, type RunningBerth } from '../e2e/support/berth.js';
import { engineRequest, followEvents } from './support/engine-http.js';
import { fmt, percentile } from './support/stats.js';

/**
 * Event → screen latency: from the engine's `start` event of a container (its timeNano) to the
 * moment that container's row shows "running" in the DOM of the browser-mode UI.
 */
export async function benchEventLatency(berth: RunningBerth, image: string, runs = 40): Promise<{ p50: number; p95: number }> {
  const browser: Browser = await launchBrowser();
  const prefix = `bench-evt-${Date.now().toString(36)}`;
  const startTimes = new Map<string, number>();
  const stopEvents = followEvents({ type: ['container'], event: ['start'] }, (e) => {
    const name = e.Actor.Attributes.name ?? '';
    if (name.startsWith(prefix)) startTimes.set(name, e.timeNano / 1e6);
  });
  try {
    const { page } = await openApp(browser, berth, '#/containers');
    await page.getByRole('table', { name: 'Containers' }).waitFor();
    // Only this run's rows: the table is virtualized, so rows off screen are not in the DOM at all.
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill(prefix);
    // Record, in the page, when each watched row first shows "running" (wall-clock ms).
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __seen: Record<string, number> }).__seen = seen;
      new MutationObserver(() => {
        const now = performance.timeOrigin + performance.now();
        for (const row of document.querySelectorAll<HTMLElement>('[role="row"][aria-label]')) {
          const name = row.getAttribute('aria-label')!;
          if (seen[name] !== undefined) continue;
          const cells = row.querySelectorAll('[role="cell"]');
          if (Array.from(cells).some((c) => c.textContent?.trim() === 'running')) seen[name] = now;
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const latencies: number[] = [];
    for (let i = 0; i < runs; i++) {
      const name = `${prefix}-${i}`;
      const created = await engineRequest('POST', `/containers/create?name=${name}`, { Image: image, Cmd: ['sleep', '600'] });
      if (created.status !== 201) throw new Error(`create failed: ${created.text}`);
      await engineRequest('POST', `/containers/${name}/start`);
      await page.waitForFunction((n) => (window as unknown as { __seen: Record<string, number> }).__seen[n] !== undefined, name, { timeout: 15_000 });
      for (let t = 0; !startTimes.has(name) && t < 100; t++) await new Promise((r) => setTimeout(r, 10));
      const domTime = await page.evaluate((n) => (window as unknown as { __seen: Record<string, number> }).__seen[n]!, name);
      const eventTime = startTimes.get(name);
      if (eventTime === undefined) throw new Error(`no start event seen for ${name}`);
      latencies.push(domTime - eventTime);
      await engineRequest('DELETE', `/containers/${name}?force=1`);
    }
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    console.log(`event → screen latency over ${runs} runs: p50 ${fmt(p50)} ms, p95 ${fmt(p95)} ms (target p95 ≤ 50 ms) — ${p95 <= 50 ? 'met' : 'MISSED'}`);
    return { p50, p95 };
  } finally {
    stopEvents();
    await browser.close();
    const list = await engineRequest('GET', `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ name: [prefix] }))}`);
    for (const c of JSON.parse(list.text) as { Id: string }[]) await engineRequest('DELETE', `/containers/${c.Id}?force=1`);
  }
}
