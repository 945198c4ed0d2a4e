import { useEffect, useRef } from 'react';
import { useRuntime } from '../../app/runtime-context.js';
import { sparklineFrame, type SparklineFrame } from './sparkline-frame.js';
import { SPARK_POINTS } from './summary-store.js';
import './stats.css';

const WIDTH = 84;
const HEIGHT = 16;
const LINE_WIDTH = 32;
const WAITING = 'CPU: waiting for the first sample';

/**
 * A tiny CPU % sparkline for a list row (the last two minutes: a point every 5 s), named "CPU 3.2 %" for
 * assistive tech. Drawn on a canvas outside React: a new sample redraws these pixels and the label and
 * nothing else (no render, no layout), because the list redraws every shown sparkline at once.
 */
export function ContainerSparkline({ id }: { id: string }) {
  // The window's one summary store (made by the runtime, app/runtime.ts): every sparkline shares its stream.
  const store = useRuntime().statsSummary;
  const box = useRef<HTMLSpanElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  // Followed only while on screen (not in the virtual list's overscan): the back end keeps a stats
  // connection per followed container.
  useEffect(() => {
    const el = box.current;
    if (!el || typeof IntersectionObserver === 'undefined') return store.retain(id);
    let release: (() => void) | undefined;
    const observer = new IntersectionObserver((entries) => {
      const visible = entries.some((e) => e.isIntersecting);
      if (visible && !release) release = store.retain(id);
      else if (!visible && release) {
        release();
        release = undefined;
      }
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      release?.();
    };
  }, [store, id]);
  useEffect(() => {
    let drawn = '';
    const draw = () => {
      const el = box.current;
      const c = canvas.current;
      if (!el || !c) return;
      const frame = sparklineFrame(store.get(id) ?? [], LINE_WIDTH, HEIGHT - 2, SPARK_POINTS);
      // The same pixels as now (an idle container's next 0.0 %): nothing to draw, label or paint.
      const key = `${paletteVersion}|${window.devicePixelRatio}|${frame.key}`;
      if (key === drawn) return;
      drawn = key;
      const label = frame.text ? `CPU ${frame.text}` : WAITING;
      el.setAttribute('aria-label', label);
      el.title = frame.text ? `${label} (last 2 minutes)` : label;
      drawSparkline(c, frame);
    };
    draw();
    return store.subscribe(id, draw);
  }, [store, id]);
  return (
    <span ref={box} className="sparkline" role="img" aria-label={WAITING}>
      <canvas ref={canvas} className="sparkline__canvas" aria-hidden="true" />
    </span>
  );
}

/** The theme's colours and font, read once (and again when the theme flips: data-theme on <html>), not per sample. */
let palette: { line: string; text: string; font: string } | undefined;
/** Counts theme flips: a sparkline drawn before one is drawn again at its next sample. */
let paletteVersion = 0;
if (typeof document !== 'undefined' && typeof MutationObserver !== 'undefined') {
  new MutationObserver(() => {
    palette = undefined;
    paletteVersion++;
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
}

function drawSparkline(c: HTMLCanvasElement, { points: p, text }: SparklineFrame): void {
  const dpr = window.devicePixelRatio || 1;
  if (c.width !== Math.round(WIDTH * dpr)) {
    c.width = Math.round(WIDTH * dpr);
    c.height = Math.round(HEIGHT * dpr);
  }
  // A CPU canvas: a few hundred pixels drawn in software cost less than a GPU texture per row.
  const g = c.getContext('2d', { willReadFrequently: true });
  if (!g) return;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, WIDTH, HEIGHT);
  if (!p.length) return;
  if (!palette) {
    const style = getComputedStyle(c);
    palette = { line: style.getPropertyValue('--accent').trim() || style.color, text: style.color, font: `11px ${style.fontFamily}` };
  }
  g.strokeStyle = palette.line;
  g.lineWidth = 1.25;
  g.lineJoin = 'round';
  g.beginPath();
  for (let i = 0; i < p.length; i += 2) {
    if (i === 0) g.moveTo(p[i]!, p[i + 1]! + 1);
    else g.lineTo(p[i]!, p[i + 1]! + 1);
  }
  g.stroke();
  g.fillStyle = palette.text;
  g.font = palette.font;
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  g.fillText(text, WIDTH, HEIGHT / 2 + 0.5);
}
