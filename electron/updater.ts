import type { Disposable } from '../contract/index.js';

/** The slice of electron-updater's autoUpdater Berth uses. */
export interface UpdaterLike {
  autoDownload: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
}

/** Berth's own release feed (latest.yml, latest-mac.yml, latest-linux.yml next to the artifacts). */
export const DEFAULT_UPDATE_FEED = 'https://releases.berth.dev/desktop/';
const CHECK_EVERY_MS = 6 * 60 * 60 * 1000;

export interface UpdateCheckerOptions {
  /** electron-updater's autoUpdater, loaded and created on first use (it reads the app's version and platform). */
  updater(): UpdaterLike | Promise<UpdaterLike>;
  /** Only a packaged app can update itself; a dev build only records the feed. */
  packaged: boolean;
  log(line: string): void;
}

export interface UpdateChecker extends Disposable {
  /** The feed from settings (empty or undefined: the default). A change applies at once and checks again. */
  setFeed(url: string | undefined): void;
  readonly feed: string | undefined;
}

/** electron-updater with a generic feed that settings can change; checks at start, every 6 h and after a change; downloads in the background, installs on quit. */
export function createUpdateChecker(o: UpdateCheckerOptions): UpdateChecker {
  let feed: string | undefined;
  let updater: Promise<UpdaterLike> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  const failed = (what: string) => (err: unknown) => o.log(`${what} failed: ${(err as Error).message}`);
  const load = () =>
    (updater ??= Promise.resolve()
      .then(() => o.updater())
      .then((u) => {
        u.autoDownload = true;
        u.on('error', (err) => o.log(`updater: ${err.message}`));
        u.on('update-downloaded', (info) => o.log(`update ${info.version} downloaded; it installs when Berth quits`));
        return u;
      }));
  const check = () => {
    if (!o.packaged) return;
    load()
      .then((u) => u.checkForUpdates())
      .catch(failed('update check'));
  };
  return {
    get feed() {
      return feed;
    },
    setFeed(url) {
      const next = url || DEFAULT_UPDATE_FEED;
      if (next === feed) return;
      feed = next;
      o.log(`updates: feed ${next}${o.packaged ? '' : ' (not checked: this build is not packaged)'}`);
      if (!o.packaged) return;
      load()
        .then((u) => {
          // A later change may have come while loading; only the latest feed is set.
          if (feed === next) u.setFeedURL({ provider: 'generic', url: next });
        })
        .then(check, failed('setting the update feed'));
      if (!timer) {
        timer = setInterval(check, CHECK_EVERY_MS);
        timer.unref?.();
      }
    },
    dispose() {
      if (timer) clearInterval(timer);
    },
  };
}
