/**
 * Runs `fn` once the next frame has been rendered: a task posted from its animation-frame callback runs
 * after that frame's style, layout and paint. For work that must not delay what is about to be painted.
 * Returns a function that cancels it.
 */
export function afterNextPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}
