import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export interface RunningBerth {
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  stop(): Promise<number | null>;
}

/** Start browser mode (`node dist/server/main.js`) the way a user does, and wait for its ready line. */
export async function startBerth(extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunningBerth> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-'));
  const outDir = process.env.BERTH_OUT_DIR ?? 'dist';
  const args = [join(outDir, 'server/main.js'), '--port', '0', '--data-dir', join(dir, 'data'), ...extraArgs];
  const child = spawn(process.execPath, args, { env: { ...process.env, BERTH_UI_DIR: join(outDir, 'renderer'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Berth did not print its ready line in 30 s. stderr:\n${stderr}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Berth is ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`Berth exited early with code ${code}. stderr:\n${stderr}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

export function writeTokenFile(token: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'berth-token-')), 'token');
  writeFileSync(file, token + '\n', { mode: 0o600 });
  return file;
}

/** Debian Chromium through playwright-core (never a downloaded browser). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Say in the test output (stderr, "[browser]") every request of the app's own code or page that failed
 * and every error the console showed: a page that never became ready (a chunk that could not be
 * fetched, seen now and then in full runs only) then says why in the CI log.
 */
export function reportAssetFailures(page: Page): void {
  const own = (url: string) => /\/assets\/|\/$|\.html$|\/\?/.test(new URL(url).pathname + new URL(url).search);
  page.on('requestfailed', (r) => {
    if (own(r.url())) console.warn(`[browser] request failed: ${r.url()} (${r.failure()?.errorText ?? 'no reason'})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && own(r.url())) console.warn(`[browser] HTTP ${r.status()} for ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') console.warn(`[browser] console error: ${m.text()}`);
  });
}

/** Open the app and fail loudly on any page error, so a crash never passes silently. */
export async function openApp(browser: Browser, berth: RunningBerth, hash = ''): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  reportAssetFailures(page);
  await page.goto(berth.url + hash);
  return { page, errors };
}
