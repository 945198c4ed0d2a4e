import { formatPercent, niceMax, plotPoints } from './stats-history.js';

/** Points are drawn on a quarter-pixel grid: finer differences do not show (antialiasing included). */
const GRID = 4;

export interface SparklineFrame {
  /** [x0, y0, x1, y1, …] on the quarter-pixel grid, in a `width` × `height` box. */
  points: number[];
  /** The value printed at the right ("3.2 %"), empty while there is no sample. */
  text: string;
  /** Equal for two frames exactly when they draw the same pixels (same box, same theme). */
  key: string;
}

/**
 * What a sparkline draws for a CPU % history: the points and the printed value, with a key to compare
 * frames. A list of idle containers gets a sample every few seconds that changes nothing on screen
 * (0.0 % again, once the line spans the whole box); comparing keys lets the row skip the redraw, and
 * so the browser's paint, raster and compositing of that row.
 */
export function sparklineFrame(values: readonly number[], width: number, height: number, capacity: number): SparklineFrame {
  const current = values.length ? values[values.length - 1]! : undefined;
  const text = current === undefined ? '' : formatPercent(current);
  const points = plotPoints(values, niceMax(values, 5), width, height, capacity).map((v) => Math.round(v * GRID) / GRID);
  return { points, text, key: `${text}|${points.join(',')}` };
}
