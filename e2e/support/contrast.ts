import type { Locator } from 'playwright-core';

/** One colour as the browser computes it, `rgb(r, g, b)` or `rgba(r, g, b, a)`, as 0–1 channels and alpha. */
function parse(css: string): { rgb: [number, number, number]; a: number } {
  const m = /rgba?\(([^)]+)\)/.exec(css);
  if (!m) throw new Error(`Not a computed rgb() colour: ${css}`);
  const [r, g, b, a = 1] = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
  return { rgb: [r! / 255, g! / 255, b! / 255], a };
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * WCAG contrast ratio of a text colour over its backdrop, the layers given top first (the element's own
 * background, then its ancestors' until an opaque one); translucent layers are composited as painted.
 */
export function contrastRatio(text: string, layers: string[]): number {
  let under: [number, number, number] = [1, 1, 1];
  for (const layer of [...layers].reverse()) {
    const { rgb, a } = parse(layer);
    under = [0, 1, 2].map((i) => rgb[i]! * a + under[i]! * (1 - a)) as [number, number, number];
  }
  const fg = parse(text);
  const shown = [0, 1, 2].map((i) => fg.rgb[i]! * fg.a + under[i]! * (1 - fg.a)) as [number, number, number];
  const [hi, lo] = [luminance(shown), luminance(under)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/**
 * The contrast of each element's text (its `color`, or its placeholder's) over the backgrounds it is painted on.
 * Playwright finds the elements and evaluates over them in two steps: an element a live list removed
 * in between (a log view recycling its rows as lines arrive) has no computed style ('') and is left out.
 */
export async function textContrasts(elements: Locator, pseudo?: '::placeholder'): Promise<{ text: string; ratio: number }[]> {
  const found = await elements.evaluateAll((els, pseudo) =>
    els.filter((el) => el.isConnected).map((el) => {
      const layers: string[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        if (bg === 'transparent' || / 0\)$/.test(bg)) continue;
        layers.push(bg);
        if (!bg.startsWith('rgba')) break;
      }
      const text = pseudo ? (el.getAttribute('placeholder') ?? '') : (el.textContent ?? '');
      return { text, color: getComputedStyle(el, pseudo).color, layers };
    }),
    pseudo,
  );
  return found.map((f) => ({ text: f.text, ratio: contrastRatio(f.color, f.layers) }));
}
