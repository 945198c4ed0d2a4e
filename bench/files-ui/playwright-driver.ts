import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../e2e/support/berth.js';
import { fmt } from '../support/stats.js';
import { marksScript, type MarkSink } from './page-marks.js';
import type { UiDriver } from './ui-driver.js';

/**
 * The Files UI benchmark's Playwright driver (launchBrowser(), setInputFiles, waitForEvent('download')),
 * the way the e2e tests drive the UI. It first checks that setInputFiles hands Chromium a path, not the bytes.
 */

/** The Chromium that launchBrowser() started: a child of this process running chromium. */
function browserPid(): number {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (ppid === process.pid && /chromium/.test(readFileSync(`/proc/${d}/cmdline`, 'utf8'))) return Number(d);
    } catch {
      // gone meanwhile
    }
  }
  throw new Error('the Chromium process was not found among this process’s children');
}

/**
 * That setInputFiles with a path hands Chromium the path (a file-backed File), not the bytes: the 32 MiB
 * path is set in a few ms, and a File read after its file changed on disk fails (Chromium checks the
 * file against its snapshot), which an in-memory File never does.
 */
async function checkPathUpload(browser: Browser, dir: string, big: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.setContent('<input type="file" aria-label="f">');
    // The first call also injects Playwright's script: time the second.
    await page.getByLabel('f').setInputFiles(big);
    const t = performance.now();
    await page.getByLabel('f').setInputFiles(big);
    const bigMs = performance.now() - t;
    const small = join(dir, 'probe.bin');
    writeFileSync(small, 'before');
    await page.getByLabel('f').setInputFiles(small);
    // Chromium snapshots a path-backed File's size and time when first asked: ask, then change the file.
    const size = await page.evaluate(() => (document.querySelector('input') as HTMLInputElement).files![0]!.size);
    if (size !== 6) throw new Error(`the chosen file has ${size} bytes, not 6`);
    writeFileSync(small, 'after, longer');
    utimesSync(small, new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    const read = await page.evaluate(() =>
      (document.querySelector('input') as HTMLInputElement).files![0]!.text().then(
        (s) => `read: ${s}`,
        (e: Error) => `error: ${e.name}`,
      ),
    );
    if (!read.startsWith('error: NotReadableError')) throw new Error(`setInputFiles did not hand over a path (a changed file still read: ${read})`);
    return `setInputFiles(path of 32 MiB) took ${fmt(bigMs, 0)} ms; reading a chosen file changed on disk since: ${read} (a file-backed File: the path, not the bytes, went over CDP)`;
  } finally {
    await context.close();
  }
}

/** The page at `url` (a container's Files tab), in folder /tmp (through the Path field), driven by Playwright. */
export async function openWithPlaywright(url: string, sink: MarkSink, tmp: string): Promise<UiDriver> {
  const browser = await launchBrowser();
  const pid = browserPid();
  console.log(await checkPathUpload(browser, tmp, join(tmp, 'bench.bin')));
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.exposeBinding('__berthMark', (_src, json: string) => sink.push(json));
  await page.addInitScript({ content: marksScript });
  await page.goto(url);
  await page.getByRole('table', { name: 'Files' }).waitFor({ timeout: 15_000 });
  await page.getByLabel('Path').fill('/tmp');
  await page.getByLabel('Path').press('Enter');
  return {
    pid,
    sink,
    errors,
    evaluate: <A, R>(fn: (arg: A) => R, arg: A) => page.evaluate(fn as (arg: unknown) => R, arg as unknown) as Promise<Awaited<R>>,
    setUploadFile: (path) => page.getByLabel('Upload file').setInputFiles(path),
    async download(name) {
      const t0 = performance.now();
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: `Download ${name}` }).click()]);
      const began = performance.now() - t0;
      return { began, file: (await download.path())!, remove: () => download.delete() };
    },
    close: () => browser.close(),
  };
}
