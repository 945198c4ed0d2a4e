/**
 * How often a transfer's progress is shown. Every animation frame was far too often: in the Files
 * tab's 32 MiB upload (bench files-ui), drawing it each frame cost Chromium's renderer 150 ms of CPU
 * per copy against 30 ms with no progress at all, and on two cores that made the upload itself take
 * 1.2× longer. Four times a second, with the bar gliding between the steps, reads as smooth.
 */
export const PROGRESS_EVERY_MS = 250;

/**
 * Calls `fn` with the latest value at most once every `everyMs`: the first value at once, the rest
 * when the interval since the last call has passed. `cancel` drops a value not yet shown.
 */
export function progressThrottle<T>(fn: (value: T) => void, everyMs = PROGRESS_EVERY_MS): { push(value: T): void; cancel(): void } {
  let pending: { value: T } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = -Infinity;
  const flush = () => {
    timer = undefined;
    const p = pending;
    pending = undefined;
    if (!p) return;
    last = Date.now();
    fn(p.value);
  };
  return {
    push(value) {
      pending = { value };
      if (timer !== undefined) return;
      const wait = last + everyMs - Date.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}
