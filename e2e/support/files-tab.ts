import type { Locator, Page } from 'playwright-core';
import { openApp } from './berth.js';
import { removeContainers } from './docker-cli.js';
import { tableShown, useSession, type AppSession } from './session.js';

/** A row of a page's Files table (its accessible name is the entry's name). */
export function fileRow(page: Page, name: string): Locator {
  return page.getByRole('table', { name: 'Files' }).getByRole('row', { name, exact: true });
}

const filesShown = tableShown('Files', 15_000);

/** Open a container's Files tab in a new page of the session's browser, once its table shows. */
export async function openFilesTab(app: Pick<AppSession, 'berth' | 'browser'>, id: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await openApp(app.browser, app.berth, `#/containers/${id}/files`);
  await filesShown(opened.page);
  return opened;
}

export interface FilesSession extends AppSession {
  /** The container whose Files tab the session's page shows. */
  id: string;
  /** A row of the Files table on the session's page. */
  row(name: string): Locator;
}

/**
 * One session on a container's Files tab for a describe block: `setup` makes what the spec needs and
 * resolves with that container's id. Afterwards Berth must stop cleanly, every container named with
 * `prefix` is removed, then `cleanup` runs.
 */
export function useFilesSession(options: { prefix: string; setup: () => Promise<string>; cleanup?: () => Promise<unknown> }): FilesSession {
  const s = useSession({
    hash: () => `#/containers/${s.id}/files`,
    ready: filesShown,
    setup: async () => {
      s.id = await options.setup();
    },
    cleanup: async () => {
      await removeContainers(options.prefix);
      await options.cleanup?.();
    },
  }) as FilesSession;
  s.row = (name) => fileRow(s.page, name);
  return s;
}
