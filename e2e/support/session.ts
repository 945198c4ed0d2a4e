import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, startBerth, type RunningBerth } from './berth.js';

export interface AppSession {
  berth: RunningBerth;
  browser: Browser;
  page: Page;
  /** Page errors seen so far (a crash never passes silently). */
  errors: string[];
}

/** Browser mode on the test engine, Debian Chromium, and the app open at `hash` once `ready` resolves. */
export async function openSession(
  hash = '#/containers',
  ready: (page: Page) => Promise<unknown> = (page) => page.getByRole('table', { name: 'Containers' }).waitFor(),
): Promise<AppSession> {
  const berth = await startBerth(['--no-embedded-engine']);
  const browser = await launchBrowser();
  const { page, errors } = await openApp(browser, berth, hash);
  await ready(page);
  return { berth, browser, page, errors };
}

/** Close the browser, then stop Berth; resolves with Berth's exit code (0 on a clean shutdown). */
export async function closeSession(session: Partial<Pick<AppSession, 'berth' | 'browser'>>): Promise<number | null | undefined> {
  await session.browser?.close();
  return session.berth?.stop();
}
