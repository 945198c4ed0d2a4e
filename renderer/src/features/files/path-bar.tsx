import { useEffect, useState, type FormEvent } from 'react';
import { containerPathSchema } from '../../../../contract/domains/container-files.js';

/** Breadcrumbs of the current folder, and an editable path (Enter to go). */
export function PathBar({ path, onNavigate }: { path: string; onNavigate: (path: string) => void }) {
  const [draft, setDraft] = useState(path);
  const [invalid, setInvalid] = useState<string | undefined>();
  useEffect(() => {
    setDraft(path);
    setInvalid(undefined);
  }, [path]);

  const parts = path.split('/').filter(Boolean);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = containerPathSchema.safeParse(draft.trim());
    if (!parsed.success) {
      setInvalid(`The path ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
      return;
    }
    setInvalid(undefined);
    onNavigate(parsed.data);
  };

  return (
    <div className="fpath">
      <nav aria-label="Breadcrumb" className="fpath__crumbs">
        <ol>
          <li>
            <button type="button" className="fpath__crumb" onClick={() => onNavigate('/')} aria-current={parts.length === 0 ? 'location' : undefined}>
              /
            </button>
          </li>
          {parts.map((part, i) => {
            const target = `/${parts.slice(0, i + 1).join('/')}`;
            return (
              <li key={target}>
                <span className="fpath__sep" aria-hidden="true">
                  ›
                </span>
                <button type="button" className="fpath__crumb" onClick={() => onNavigate(target)} aria-current={i === parts.length - 1 ? 'location' : undefined}>
                  {part}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <form className="fpath__form" onSubmit={submit}>
        <label className="visually-hidden" htmlFor="files-path-input">
          Path
        </label>
        <input
          id="files-path-input"
          className="fpath__input mono"
          value={draft}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? 'files-path-error' : undefined}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="btn">
          Go
        </button>
      </form>
      {invalid ? (
        <p id="files-path-error" className="fpath__error" role="alert">
          {invalid}
        </p>
      ) : null}
    </div>
  );
}
