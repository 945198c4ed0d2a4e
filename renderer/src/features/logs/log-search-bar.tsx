import { SearchIcon } from '../../ui/icons.js';

interface LogSearchBarProps {
  query: string;
  onQuery(q: string): void;
  regex: boolean;
  onRegex(v: boolean): void;
  caseSensitive: boolean;
  onCaseSensitive(v: boolean): void;
  filterOnly: boolean;
  onFilterOnly(v: boolean): void;
  /** 1-based index of the current match, or 0 when none is selected. */
  current: number;
  total: number;
  error?: string;
  onNext(): void;
  onPrevious(): void;
  searchMs?: number;
}

/** Search box with plain/regex and case toggles, "n of m", next/previous (Enter/Shift+Enter) and the filter. */
export function LogSearchBar(p: LogSearchBarProps) {
  const active = p.query !== '' && !p.error;
  return (
    <div className="log-search">
      <label className={`search log-search__box${p.error ? ' log-search__box--error' : ''}`}>
        <SearchIcon className="search__icon" width={16} height={16} />
        <input
          type="search"
          className="search__input"
          aria-label="Search logs"
          aria-invalid={p.error ? true : undefined}
          aria-describedby={p.error ? 'log-search-error' : undefined}
          placeholder={p.regex ? 'Regular expression…' : 'Search logs…'}
          value={p.query}
          spellCheck={false}
          onChange={(e) => p.onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (e.shiftKey) p.onPrevious();
              else p.onNext();
            } else if (e.key === 'Escape') p.onQuery('');
          }}
        />
      </label>
      <button type="button" className={`btn btn--toggle${p.regex ? ' is-on' : ''}`} aria-pressed={p.regex} title="Regular expression" onClick={() => p.onRegex(!p.regex)}>
        .*<span className="visually-hidden"> Regular expression</span>
      </button>
      <button type="button" className={`btn btn--toggle${p.caseSensitive ? ' is-on' : ''}`} aria-pressed={p.caseSensitive} title="Match case" onClick={() => p.onCaseSensitive(!p.caseSensitive)}>
        Aa<span className="visually-hidden"> Match case</span>
      </button>
      <span className="log-search__count" role="status" aria-live="polite" data-search-ms={p.searchMs?.toFixed(1)}>
        {active ? (p.current > 0 ? `${p.current} of ${p.total}` : `${p.total} ${p.total === 1 ? 'match' : 'matches'}`) : ''}
      </span>
      <button type="button" className="btn" onClick={p.onPrevious} disabled={!active || p.total === 0} aria-label="Previous match" title="Previous match (Shift+Enter)">
        ↑
      </button>
      <button type="button" className="btn" onClick={p.onNext} disabled={!active || p.total === 0} aria-label="Next match" title="Next match (Enter)">
        ↓
      </button>
      <label className="check">
        <input type="checkbox" checked={p.filterOnly} onChange={(e) => p.onFilterOnly(e.target.checked)} />
        Show matching lines only
      </label>
      {p.error ? (
        <p id="log-search-error" className="log-search__error" role="alert">
          {p.error}
        </p>
      ) : null}
    </div>
  );
}
