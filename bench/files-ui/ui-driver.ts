import type { CpuProfile } from './chromium-time.js';
import type { MarkSink } from './page-marks.js';

/**
 * The contract between a measured round (container-files-ui.ts) and the way Chromium is driven:
 * Playwright (playwright-driver.ts) or a bare DevTools connection (cdp-driver.ts).
 */

/** What a measured round needs from the browser, however it is driven. */
export interface UiDriver {
  /** Chromium's root process. */
  pid: number;
  sink: MarkSink;
  errors: string[];
  /** Run a function of the page (JSON argument and result). */
  evaluate<A, R>(fn: (arg: A) => R, arg: A): Promise<Awaited<R>>;
  /** Choose `path` in the "Upload file" input, as the file picker does. */
  setUploadFile(path: string): Promise<void>;
  /** Click "Download <name>"; resolves when the download began (`began`, ms after the call) and when its file is complete on disk. */
  download(name: string): Promise<{ began: number; file: string; remove(): Promise<void> }>;
  /** The page's CPU profile (V8, its main thread) while `work` runs: the raw-CDP driver only. */
  profile?(work: () => Promise<unknown>): Promise<CpuProfile>;
  /** A Chrome trace (all processes) while `work` runs, summarised: the raw-CDP driver only. */
  trace?(work: () => Promise<unknown>): Promise<string>;
  close(): Promise<void>;
}
