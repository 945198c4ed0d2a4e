import { useEffect, useRef, useState, type FormEvent } from 'react';
import { registrySearchArgs } from '../../../../contract/domains/registries.js';
import type { RegistryLoginResult, RegistryRepository, RegistrySearchResult } from '../../../../contract/models/registries.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { Spinner } from '../../ui/spinner.js';
import { messageOf } from '../../lib/error-message.js';
import { fieldMessage } from '../../lib/field-message.js';
import { defaultTag, DOCKER_HUB, pullReference, sameRegistry } from './registries-model.js';

type RegistrySearchArgs = ReturnType<typeof registrySearchArgs.parse>;

interface Props {
  /** Registries to suggest (Docker Hub and the known ones). */
  suggestions: string[];
  /** The latest successful login (a new object each time): a search of that registry that failed runs again. */
  loggedIn?: RegistryLoginResult;
  /** The latest logout (a new object each time): what a search of that registry found (with those credentials) goes. */
  loggedOut?: { server: string };
}

/** Search Docker Hub or a v2 registry, pick a tag, and pull from the result. */
export function RegistrySearch({ suggestions, loggedIn, loggedOut }: Props) {
  const api = useApi();
  const [registry, setRegistry] = useState(DOCKER_HUB);
  const [term, setTerm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<{ found: RegistrySearchResult; term: string }>();
  /** The registry whose results a logout just cleared, said once in their place. */
  const [cleared, setCleared] = useState<string>();
  const generation = useRef(0);

  useEffect(
    () => () => {
      generation.current++; // ignore answers that arrive after the page closed
    },
    [],
  );

  /** The last search sent, and whether the registry refused it. */
  const last = useRef<{ args: RegistrySearchArgs; failed: boolean }>(undefined);

  const run = async (args: RegistrySearchArgs) => {
    const mine = ++generation.current;
    last.current = { args, failed: false };
    setError(undefined);
    setCleared(undefined);
    setBusy(true);
    try {
      const res = await api.registries.search(args);
      if (mine === generation.current) setResult({ found: res, term: args.term });
    } catch (err) {
      if (mine === generation.current) {
        last.current = { args, failed: true };
        setResult(undefined);
        setError(messageOf(err));
      }
    } finally {
      if (mine === generation.current) setBusy(false);
    }
  };

  const search = (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const parsed = registrySearchArgs.safeParse({ registry: registry.trim() || DOCKER_HUB, term });
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => fieldMessage(i.path[0] === 'term' ? 'The search term' : 'The registry', i.message)).join('; '));
      return;
    }
    void run(parsed.data);
  };

  // Logged in to the registry a search just failed on ("requires authentication: log in first"): search again.
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    const l = last.current;
    if (loggedIn && l?.failed && sameRegistry(l.args.registry ?? DOCKER_HUB, loggedIn.server)) void runRef.current(l.args);
  }, [loggedIn]);

  // Logged out of the registry searched: its results (found with those credentials) and any answer on its way go.
  const resultRef = useRef(result);
  resultRef.current = result;
  useEffect(() => {
    if (!loggedOut) return;
    const of = (registry: string) => sameRegistry(registry, loggedOut.server);
    const l = last.current;
    const shown = resultRef.current;
    const searching = !!l && of(l.args.registry ?? DOCKER_HUB);
    if (!searching && !(shown && of(shown.found.registry))) return;
    if (searching) {
      generation.current++;
      last.current = undefined;
      setBusy(false);
      setError(undefined);
    }
    setResult(undefined);
    setCleared(loggedOut.server);
  }, [loggedOut]);

  return (
    <section className="reg-section" aria-labelledby="reg-search-title">
      <h2 id="reg-search-title" className="reg-section__title">
        Search
      </h2>
      <p className="muted reg-section__hint">Docker Hub is searched through the engine; other registries through their catalog (<code>/v2/_catalog</code>) and tag lists.</p>
      <form className="reg-search" onSubmit={search} role="search" aria-busy={busy}>
        <label className="reg-form__field reg-search__registry">
          <span>Registry</span>
          <input type="text" list="reg-search-registries" value={registry} spellCheck={false} autoComplete="off" onChange={(e) => setRegistry(e.target.value)} />
          <datalist id="reg-search-registries">
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label className="reg-form__field reg-search__term">
          <span>Search images</span>
          <input type="search" value={term} placeholder="e.g. nginx, team/app" spellCheck={false} onChange={(e) => setTerm(e.target.value)} />
        </label>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          Search
        </button>
        {busy ? (
          <span className="reg-progress" role="status">
            <Spinner /> Searching…
          </span>
        ) : null}
      </form>
      {error ? (
        <p className="reg-message reg-message--error" role="alert">
          {error}
        </p>
      ) : null}
      {result && !error ? <SearchResults result={result.found} term={result.term} /> : null}
      {cleared && !result && !error && !busy ? (
        <p className="muted" role="status">
          Logged out of {cleared}: its search results were cleared.
        </p>
      ) : null}
    </section>
  );
}

/** `term`: what was searched; empty lists the whole catalog, so "none match" would say a search failed. */
function SearchResults({ result, term }: { result: RegistrySearchResult; term: string }) {
  const count = result.repositories.length;
  const none = term.trim() ? `No repositories on ${result.registry} match “${term.trim()}”.` : `${result.registry} lists no repositories: nothing has been pushed there yet.`;
  return (
    <>
      <p className="muted" role="status">
        {count === 0 ? none : `${count} ${count === 1 ? 'repository' : 'repositories'} on ${result.registry}${result.truncated ? ' (more match: refine the search)' : ''}.`}
      </p>
      {count > 0 ? (
        <table className="reg-table" aria-label="Search results">
          <thead>
            <tr>
              <th scope="col">Repository</th>
              {result.source === 'hub' ? <th scope="col">Description</th> : null}
              <th scope="col">Tag</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {result.repositories.map((r) => (
              <ResultRow key={r.name} repo={r} hub={result.source === 'hub'} />
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

function ResultRow({ repo, hub }: { repo: RegistryRepository; hub: boolean }) {
  const openPullDialog = useAppStore((s) => s.openPullDialog);
  const [tag, setTag] = useState(() => defaultTag(repo));
  const tags = repo.tags.length ? repo.tags : ['latest'];
  return (
    <tr>
      <td>
        <span className="mono">{repo.name}</span>
        {repo.official ? <span className="reg-badge">Official</span> : null}
        {repo.stars !== undefined ? <span className="muted reg-stars"> ★ {repo.stars}</span> : null}
      </td>
      {hub ? <td className="reg-table__desc">{repo.description ?? ''}</td> : null}
      <td>
        <select aria-label={`Tag of ${repo.name}`} value={tag} onChange={(e) => setTag(e.target.value)}>
          {tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        {repo.tagsTruncated ? <span className="muted"> (first {repo.tags.length})</span> : null}
        {repo.tagsError ? (
          <span className="reg-table__problem" title={repo.tagsError}>
            {' '}
            tags unavailable: {repo.tagsError}
          </span>
        ) : null}
      </td>
      <td className="reg-table__actions">
        <button type="button" className="btn btn--small" aria-label={`Pull ${pullReference(repo, tag)}`} onClick={() => openPullDialog(pullReference(repo, tag))}>
          Pull
        </button>
      </td>
    </tr>
  );
}
