import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { removeContainers } from './docker-cli.js';
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

/** A session plus the containers table's row helpers. */
export interface TableSession extends AppSession {
  /** The containers table's row of this container (its accessible name is the container name). */
  row(name: string): Locator;
  /** That row's state word: the name of the state dot in its Status cell (undefined without the row). */
  stateOf(name: string): Promise<string | undefined>;
}

export interface SessionOptions {
  /** Where the app opens; a function when it depends on what `setup` made. */
  hash: string | (() => string);
  /** Resolves once the page is ready (the containers table by default). */
  ready?: (page: Page) => Promise<unknown>;
  /** Runs before Berth starts: the images, containers or files the spec needs. */
  setup?: () => Promise<unknown>;
  /** Runs after Berth stopped: removes what the spec made. */
  cleanup?: () => Promise<unknown>;
}

/**
 * One app session for a describe block: `setup`, then the app opened at `hash` before its tests;
 * afterwards Berth must stop cleanly (exit 0), then `cleanup` runs. Read its fields inside tests.
 */
export function useSession(options: SessionOptions): AppSession {
  const s = {} as AppSession;
  beforeAll(async () => {
    await options.setup?.();
    Object.assign(s, await openSession(typeof options.hash === 'function' ? options.hash() : options.hash, options.ready));
  });
  afterAll(async () => {
    expect(await closeSession(s)).toBe(0);
    await options.cleanup?.();
  });
  return s;
}

/** Resolves once the page shows the table named `name`. */
export function tableShown(name: string, timeout?: number): (page: Page) => Promise<void> {
  return (page) => page.getByRole('table', { name }).waitFor({ timeout });
}

/**
 * One app session on the Containers page for a describe block (see useSession); afterwards every
 * container named with `prefix` is removed.
 */
export function useAppSession(prefix: string): TableSession {
  const s = useSession({ hash: '#/containers', cleanup: () => removeContainers(prefix) }) as TableSession;
  s.row = (name) => s.page.getByRole('row', { name, exact: true });
  s.stateOf = async (name) => (await s.row(name).locator('.cell-status .state-dot').evaluateAll((dots) => dots.map((d) => d.getAttribute('aria-label'))))[0] ?? undefined;
  return s;
}
