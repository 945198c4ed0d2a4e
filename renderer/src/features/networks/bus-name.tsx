import { useLayoutEffect, useRef, useState } from 'react';

/** Room an ellipsis takes at the map's bus-name size, in px. */
const ELLIPSIS = 10;

/**
 * A network's name over its bus on the map, cut (with an ellipsis) to the width it has, measured in
 * the browser: a count of characters fit "p1-multi_front" no better than "iiii", and neighbours' names
 * ran into each other. The full name is the link's title.
 */
export function BusName({ name, x, y, width, hidden }: { name: string; x: number; y: number; width: number; hidden?: boolean }) {
  const ref = useRef<SVGTextElement>(null);
  const [fit, setFit] = useState<{ name: string; width: number; text: string }>();
  const measured = fit?.name === name && fit.width === width;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || measured || typeof el.getComputedTextLength !== 'function') return;
    let text = name;
    if (el.getComputedTextLength() > width) {
      let k = name.length - 1;
      while (k > 1 && el.getSubStringLength(0, k) > width - ELLIPSIS) k--;
      text = `${name.slice(0, k)}…`;
    }
    setFit({ name, width, text });
  }, [name, width, measured]);
  return (
    <text ref={ref} x={x} y={y} textAnchor="middle" className="net-map__bus-name" aria-hidden={hidden || undefined}>
      {measured ? fit.text : name}
    </text>
  );
}
