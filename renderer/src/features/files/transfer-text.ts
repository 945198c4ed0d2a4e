import { formatBytes } from '../../lib/format/bytes.js';
import type { Transfer } from './use-transfers.js';

/**
 * The byte count beside a transfer: "1.2 MiB of 4 MiB" while it runs, the size once done. A download
 * the browser took over (browser mode) is saved by the browser, whose bytes this page never sees: a
 * folder's tar has no size known in advance, so it says so rather than "0 B".
 */
export function transferBytesText(t: Pick<Transfer, 'done' | 'total' | 'status' | 'savedByBrowser'>): string {
  if (t.status === 'done' && t.savedByBrowser) return t.total !== null ? `${formatBytes(t.total)} · saved by the browser` : 'Saved by the browser (see its downloads)';
  return `${formatBytes(t.done)}${t.total !== null ? ` of ${formatBytes(t.total)}` : ''}`;
}
