import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { removeComposeProject } from '../../engine/testing/int-helpers.js';
import { useSession, type AppSession } from './session.js';

/** The Compose page: a spec's session, its folder of compose files, and the page's usual steps. */
export interface ComposeSession extends AppSession {
  /** A temp folder for the spec's compose files (made at once, removed after the tests). */
  readonly dir: string;
  /** The Services table of the opened project. */
  services(): Locator;
  /** Column `col` of a service's row in the Services table. */
  cell(service: string, col: number): Locator;
}

/**
 * One session on the Compose page for a describe block. `prepare` writes the spec's files into `dir`
 * (and may start projects) before Berth starts; afterwards Berth must stop cleanly, and every project
 * in `projects` is removed (containers and default network) with the folder.
 */
export function useComposeSession(projects: string[], prepare: (dir: string) => unknown = () => undefined): ComposeSession {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-e2e-compose-'));
  const s = useSession({
    hash: '#/compose',
    ready: (page) => page.getByLabel('Compose file path').waitFor(),
    setup: async () => prepare(dir),
    cleanup: async () => {
      for (const p of projects) await removeComposeProject(p);
      rmSync(dir, { recursive: true, force: true });
    },
  }) as ComposeSession;
  return Object.assign(s, {
    dir,
    services: () => s.page.getByRole('table', { name: 'Services' }),
    cell: (service: string, col: number) => s.services().locator(`tr[data-service="${service}"] td`).nth(col),
  });
}

/** Open a compose file (or folder) from the Open form; `name` fills the project name when given. */
export async function openComposeFile(page: Page, files: string, name?: string): Promise<void> {
  await page.getByLabel('Compose file path').fill(files);
  if (name !== undefined) await page.getByLabel('Project name (optional)').fill(name);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
}

/** Click Up and wait until the job says `project` is up; resolves with what it says. */
export async function upAndWait(page: Page, project: string): Promise<string> {
  const outcome = () => page.locator('.compose-done, .compose-error').first().innerText().catch(() => '');
  await page.getByRole('button', { name: 'Up', exact: true }).click();
  await expect.poll(outcome, { timeout: 60_000 }).toContain(`Project "${project}" is up`);
  return outcome();
}
