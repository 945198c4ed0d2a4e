import { useMemo, useState, type ReactNode } from 'react';
import { buildMatcher, matchRanges } from '../logs/log-search.js';
import { SearchIcon } from '../../ui/icons.js';
import { copyText } from './copy-text.js';
import { messageOf } from '../../lib/error-message.js';

/** Pretty-printed JSON with a search box (highlight, optional filter to matching lines) and a copy button. */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  const text = useMemo(() => JSON.stringify(value, null, 2) ?? 'null', [value]);
  const lines = useMemo(() => text.split('\n'), [text]);
  const [query, setQuery] = useState('');
  const [onlyMatches, setOnlyMatches] = useState(false);
  const [copy, setCopy] = useState<{ ok: boolean; text: string } | null>(null);
  const matcher = buildMatcher(query, { regex: false, caseSensitive: false });
  const re = matcher?.ok ? matcher.re : undefined;
  const matching = useMemo(() => (re ? lines.map((l, i) => [l, i] as const).filter(([l]) => re.test(l)) : []), [lines, re]);
  const shown = re && onlyMatches ? matching : lines.map((l, i) => [l, i] as const);

  const onCopy = () => {
    copyText(text).then(
      () => setCopy({ ok: true, text: 'JSON copied to the clipboard.' }),
      (err: unknown) => setCopy({ ok: false, text: `Could not copy: ${messageOf(err)}` }),
    );
  };

  return (
    <section className="json-view" aria-label={label}>
      <div className="json-view__bar">
        <label className="search json-view__search">
          <SearchIcon className="search__icon" width={16} height={16} />
          <input type="search" className="search__input" aria-label="Search JSON" placeholder="Search JSON…" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <span role="status" className="muted">
          {re ? `${matching.length} matching ${matching.length === 1 ? 'line' : 'lines'}` : ''}
        </span>
        <label className="check">
          <input type="checkbox" checked={onlyMatches} onChange={(e) => setOnlyMatches(e.target.checked)} />
          Only matching lines
        </label>
        <button type="button" className="btn json-view__copy" onClick={onCopy}>
          Copy JSON
        </button>
        {copy ? (
          <span role={copy.ok ? 'status' : 'alert'} className={copy.ok ? 'muted' : 'json-view__error'}>
            {copy.text}
          </span>
        ) : null}
      </div>
      <pre className="json-view__pre" tabIndex={0} aria-label="Inspect JSON">
        {shown.map(([line, i]) => (
          <div key={i} className="json-view__line">
            <span className="json-view__ln" aria-hidden="true">
              {i + 1}
            </span>
            {re ? mark(line, re) : line}
          </div>
        ))}
      </pre>
    </section>
  );
}

function mark(line: string, re: RegExp): ReactNode {
  const ranges = matchRanges(line, re);
  if (!ranges.length) return line;
  const out: ReactNode[] = [];
  let pos = 0;
  for (const [s, e] of ranges) {
    if (s > pos) out.push(line.slice(pos, s));
    out.push(<mark key={s}>{line.slice(s, e)}</mark>);
    pos = e;
  }
  out.push(line.slice(pos));
  return out;
}
