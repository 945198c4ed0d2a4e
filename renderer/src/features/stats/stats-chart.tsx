import { useId, type ReactNode } from 'react';
import { HISTORY_SIZE, polylinePoints } from './stats-history.js';

export interface ChartSeries {
  label: string;
  values: readonly number[];
  /** CSS modifier for its colour: stats-line--a / stats-line--b. */
  tone: 'a' | 'b';
}

interface StatsChartProps {
  title: string;
  /** The current value as text, e.g. "12.3 %" (also what assistive tech reads). */
  value: string;
  /** A second line of text, e.g. "of 2 CPUs" or "Received 1.2 MiB · Sent 3 KiB". */
  detail?: ReactNode;
  series: ChartSeries[];
  max: number;
  /** Label of the top of the y axis, e.g. "50 %" or "1 MiB/s". */
  axisLabel: string;
}

const W = 600;
const H = 120;

/**
 * One live chart as a labelled group (role="group", named by its title) with its current value as
 * text; the SVG itself is decorative. Lightweight on purpose: a polyline per series, redrawn once per
 * sample, no canvas and no inline scripts (CSP-safe).
 */
export function StatsChart({ title, value, detail, series, max, axisLabel }: StatsChartProps) {
  const titleId = useId();
  return (
    <section className="stats-card" role="group" aria-labelledby={titleId}>
      <header className="stats-card__header">
        <h3 className="stats-card__title" id={titleId}>
          {title}
        </h3>
        <p className="stats-card__value">{value}</p>
      </header>
      {detail ? <p className="stats-card__detail">{detail}</p> : null}
      <div className="stats-card__plot">
        <span className="stats-card__axis" aria-hidden="true">
          {axisLabel}
        </span>
        <svg className="stats-card__svg" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
          {[0.25, 0.5, 0.75].map((f) => (
            <line key={f} className="stats-grid" x1={0} x2={W} y1={H * f} y2={H * f} />
          ))}
          {series.map((s) => (
            <polyline key={s.label} className={`stats-line stats-line--${s.tone}`} points={polylinePoints(s.values, max, W, H, HISTORY_SIZE)} />
          ))}
        </svg>
      </div>
      {series.length > 1 ? (
        <ul className="stats-legend" aria-hidden="true">
          {series.map((s) => (
            <li key={s.label}>
              <span className={`stats-legend__swatch stats-line--${s.tone}`} />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
