import { useEffect, useMemo, useState } from 'react';
import type { FileChange, FileChangeKind } from '../../../../contract/models/container-files.js';
import { useApi } from '../../app/runtime-context.js';
import { RefreshIcon, SearchIcon } from '../../ui/icons.js';
import { Notice } from '../../ui/notice.js';
import { messageOf } from '../../lib/error-message.js';

const BADGE: Record<FileChangeKind, { letter: string; label: string }> = {
  added: { letter: 'A', label: 'Added' },
  changed: { letter: 'C', label: 'Changed' },
  deleted: { letter: 'D', label: 'Deleted' },
};
const KINDS: FileChangeKind[] = ['added', 'changed', 'deleted'];

type DiffState = { phase: 'loading' } | { phase: 'ready'; changes: FileChange[] } | { phase: 'error'; message: string };

/** What changed in the container against its image (`docker diff`): filterable, with A/C/D badges and counts. */
export function ChangesView({ id }: { id: string }) {
  const api = useApi();
  const [state, setState] = useState<DiffState>({ phase: 'loading' });
  const [reload, setReload] = useState(0);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<FileChangeKind | 'all'>('all');

  useEffect(() => {
    let live = true;
    setState({ phase: 'loading' });
    api.containers.diff({ id }).then(
      (changes) => live && setState({ phase: 'ready', changes }),
      (err: unknown) => live && setState({ phase: 'error', message: messageOf(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, id, reload]);

  const changes = useMemo(() => (state.phase === 'ready' ? state.changes : []), [state]);
  const counts = useMemo(() => {
    const c: Record<FileChangeKind, number> = { added: 0, changed: 0, deleted: 0 };
    for (const ch of changes) c[ch.kind]++;
    return c;
  }, [changes]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return changes.filter((c) => (kind === 'all' || c.kind === kind) && (!q || c.path.toLowerCase().includes(q)));
  }, [changes, kind, query]);

  return (
    <div className="fchanges">
      <div className="fbrowser__bar">
        <div className="fchanges__kinds" role="group" aria-label="Show changes">
          <button type="button" className="seg" aria-pressed={kind === 'all'} onClick={() => setKind('all')}>
            All <span className="seg__count">{changes.length}</span>
          </button>
          {KINDS.map((k) => (
            <button key={k} type="button" className="seg" aria-pressed={kind === k} onClick={() => setKind(k)}>
              <span className={`badge badge--${k}`} aria-hidden="true">
                {BADGE[k].letter}
              </span>
              {BADGE[k].label} <span className="seg__count">{counts[k]}</span>
            </button>
          ))}
        </div>
        <div className="fbrowser__actions">
          <div className="search fbrowser__filter">
            <SearchIcon className="search__icon" width={15} height={15} />
            <input className="search__input" type="search" placeholder="Filter paths" aria-label="Filter changes" value={query} onChange={(e) => setQuery(e.target.value)} />
          </div>
          <button type="button" className="btn" onClick={() => setReload((n) => n + 1)} aria-label="Refresh changes" title="Refresh">
            <RefreshIcon width={15} height={15} />
          </button>
        </div>
      </div>
      {state.phase === 'loading' ? (
        <Notice title="Comparing the container with its image…" busy role="status" />
      ) : state.phase === 'error' ? (
        <Notice title="The changes could not be read." role="alert">
          <p>{state.message}</p>
        </Notice>
      ) : changes.length === 0 ? (
        <Notice title="Nothing changed: the filesystem is exactly as in the image." />
      ) : (
        <div className="fbrowser__table">
          <table className="ftable fchanges__table" aria-label="Changes">
            <thead>
              <tr>
                <th scope="col" className="fchanges__kindcol">
                  Change
                </th>
                <th scope="col">Path</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={c.path} aria-label={c.path} className="ftable__row">
                  <td>
                    <span className={`badge badge--${c.kind}`} title={BADGE[c.kind].label}>
                      {BADGE[c.kind].letter}
                    </span>
                    <span className="visually-hidden"> {BADGE[c.kind].label}</span>
                  </td>
                  <td className="mono">{c.path}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 ? <p className="fbrowser__empty muted">No change matches the filter.</p> : null}
        </div>
      )}
    </div>
  );
}
