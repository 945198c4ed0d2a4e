import type { MouseEvent } from 'react';
import type { PortMapping } from '../../../../contract/index.js';
import { formatPorts } from '../../lib/format/ports.js';

const SHOWN = 1;

/** Published ports are links that open in the browser; the rest are plain text. Extra ports fold into "+N". */
export function PortsCell({ ports, onOpenUrl }: { ports: readonly PortMapping[]; onOpenUrl(url: string): void }) {
  const views = formatPorts(ports);
  if (views.length === 0) return <span className="muted">—</span>;
  const rest = views.slice(SHOWN);
  return (
    <>
      {views.slice(0, SHOWN).map((v) =>
        v.url ? (
          <a
            key={v.key}
            className="port port--link"
            href={v.url}
            title={`Open ${v.url}`}
            onClick={(e: MouseEvent) => {
              e.preventDefault();
              onOpenUrl(v.url as string);
            }}
          >
            {v.label}
          </a>
        ) : (
          <span key={v.key} className="port">
            {v.label}
          </span>
        ),
      )}
      {rest.length > 0 ? (
        <span className="port port--more" title={views.map((v) => v.label).join('\n')}>
          +{rest.length}
          <span className="visually-hidden"> more: {rest.map((v) => v.label).join(', ')}</span>
        </span>
      ) : null}
    </>
  );
}
