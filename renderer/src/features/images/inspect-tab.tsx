import { useMemo, useState } from 'react';
import type { ImageDetails } from '../../../../contract/models/images.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { formatAbsoluteTime } from '../../lib/format/relative-time.js';
import { messageOf } from '../../lib/error-message.js';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

const list = (items: string[]) => (items.length ? <span className="mono">{items.join(' ')}</span> : <span className="muted">—</span>);

/** A readable summary of the image, then the engine's full inspect JSON: searchable and copyable. */
export function InspectTab({ details }: { details: ImageDetails }) {
  const json = useMemo(() => JSON.stringify(details.raw, null, 2), [details.raw]);
  const [query, setQuery] = useState('');
  const [copied, setCopied] = useState<string>();
  const lines = useMemo(() => {
    const q = query.trim().toLowerCase();
    const all = json.split('\n').map((text, i) => ({ n: i + 1, text }));
    return q ? all.filter((l) => l.text.toLowerCase().includes(q)) : all;
  }, [json, query]);
  const labels = Object.entries(details.labels);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(json);
      setCopied('Copied the inspect JSON');
    } catch (err) {
      setCopied(`Could not copy: ${messageOf(err)}`);
    }
  };

  return (
    <div className="inspect">
      <section aria-label="Summary" className="img-card">
        <dl className="img-summary">
          <Row label="ID">
            <span className="mono">{details.id}</span>
          </Row>
          <Row label="Tags">{list(details.repoTags)}</Row>
          <Row label="Digests">{list(details.repoDigests)}</Row>
          <Row label="Created">{details.created ? formatAbsoluteTime(details.created) : '—'}</Row>
          <Row label="Size">{formatBytes(details.size)} in {details.layerCount} {details.layerCount === 1 ? 'layer' : 'layers'}</Row>
          <Row label="Platform">
            {details.os}/{details.architecture}
            {details.variant ? `/${details.variant}` : ''}
          </Row>
          <Row label="Entrypoint">{list(details.entrypoint)}</Row>
          <Row label="Command">{list(details.cmd)}</Row>
          {details.workingDir ? <Row label="Working dir">{details.workingDir}</Row> : null}
          {details.user ? <Row label="User">{details.user}</Row> : null}
          <Row label="Exposed ports">{list(details.exposedPorts)}</Row>
          <Row label="Volumes">{list(details.volumes)}</Row>
          <Row label="Environment">
            {details.env.length ? (
              <ul className="img-plain-list mono">
                {details.env.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            ) : (
              <span className="muted">—</span>
            )}
          </Row>
          <Row label="Labels">
            {labels.length ? (
              <ul className="img-plain-list mono">
                {labels.map(([k, v]) => (
                  <li key={k}>
                    {k}={v}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">—</span>
            )}
          </Row>
        </dl>
      </section>
      <section aria-label="Full inspect" className="img-card">
        <div className="toolbar">
          <input type="search" className="search__input search__input--plain" aria-label="Search inspect" placeholder="Search the JSON…" value={query} onChange={(e) => setQuery(e.target.value)} />
          <button type="button" className="btn" onClick={() => void copy()}>
            Copy JSON
          </button>
          {copied ? (
            <span role="status" className="muted">
              {copied}
            </span>
          ) : null}
          {query ? <span className="muted">{lines.length} matching lines</span> : null}
        </div>
        <pre className="img-json" aria-label="Inspect JSON" tabIndex={0}>
          {lines.map((l) => (
            <div key={l.n}>
              <span className="img-json__n" aria-hidden="true">
                {l.n}
              </span>
              {l.text}
            </div>
          ))}
        </pre>
      </section>
    </div>
  );
}
