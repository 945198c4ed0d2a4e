import { compareText } from './sort.js';

/*
 * The Intl objects the list needs, built off the first row's path. Building the first collator or date
 * formatter of a window loads ICU data: ≈30 ms each in a fresh Chromium window (more under load), and
 * formatAbsoluteTime() builds a formatter per call. So neither is built when the chunk loads (that would
 * delay the list's subscription) nor in the render of the first rows: warmContainerFormats() builds them
 * in idle time while the page waits for the snapshot, and a Created cell shows its full-date tooltip
 * once the formatter exists (it re-renders then, alone). The sort needs the collator only for names
 * beyond letters, digits, `_`, `-` and `.` (sort.ts).
 */

let absolute: Intl.DateTimeFormat | undefined;
const listeners = new Set<() => void>();

/** Whether the tooltip date formatter exists (read with useSyncExternalStore). */
export function absoluteTimeReady(): boolean {
  return absolute !== undefined;
}

export function subscribeAbsoluteTime(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The full local date and time, e.g. "12 Mar 2025, 14:03:22" (builds the formatter if needed). */
export function formatAbsolute(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (!absolute) {
    absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
    for (const l of [...listeners]) l();
  }
  return absolute.format(new Date(ms));
}

type Step = () => void;
let queued: Step[] | undefined;

const later = (run: () => void) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 500 });
  else setTimeout(run, 0);
};

function drain() {
  const step = queued?.shift();
  if (!step) {
    queued = undefined;
    return;
  }
  step();
  // One object per idle slot: a snapshot that arrives meanwhile is handled between the two.
  later(drain);
}

/**
 * Builds the collator (sorting the snapshot needs it) then the tooltip date formatter, each in its own
 * idle slot. Idempotent; call it once the list's subscription is on its way.
 */
export function warmContainerFormats(): void {
  if (queued || absolute) return;
  queued = [() => void compareText('a', 'b'), () => void formatAbsolute(0)];
  later(drain);
}

/**
 * The image as a narrow Image column shows it: the last part of the repository with its tag
 * ("berth-test/busybox:latest" → "busybox:latest", "ghcr.io/org/app@sha256:…" → "app@3f2a…" in 12
 * hex digits), and an image ID as its 12-digit short form, as `docker ps` prints it. The cell's title
 * and the details page keep the full reference.
 */
export function shortImageName(image: string): string {
  const id = /^(?:sha256:)?([0-9a-f]{64})$/.exec(image);
  if (id) return id[1]!.slice(0, 12);
  const at = image.indexOf('@');
  const name = at < 0 ? image : image.slice(0, at);
  const digest = at < 0 ? '' : image.slice(at + 1).replace(/^sha256:/, '');
  const last = name.slice(name.lastIndexOf('/') + 1);
  return digest ? `${last}@${digest.slice(0, 12)}` : last;
}
