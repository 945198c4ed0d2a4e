import { useState, type FormEvent } from 'react';
import { folderNameProblem } from './folder-name.js';
import { messageOf } from '../../lib/error-message.js';
import './file-edit.css';

interface NewFolderFormProps {
  /** The folder the new one goes in. */
  dir: string;
  /** Names already in `dir` (as listed): refused before asking the back end. */
  taken: readonly string[];
  /** Make the folder; a rejection's message is shown under the field. */
  create: (name: string) => Promise<unknown>;
  onDone: (name: string) => void;
  onCancel: () => void;
}

/** The inline "New folder" name field of a file browser (containers and volumes). */
export function NewFolderForm({ dir, taken, create, onDone, onCancel }: NewFolderFormProps) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const problem = folderNameProblem(name, dir, taken);
    if (problem) return setError(problem);
    setBusy(true);
    try {
      await create(name);
      onDone(name);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };
  return (
    <form className="fnewfolder" aria-label="New folder" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onCancel()} noValidate>
      <label htmlFor="fnewfolder-name">New folder in {dir}</label>
      <input
        id="fnewfolder-name"
        autoFocus
        value={name}
        onChange={(e) => (setName(e.target.value), setError(undefined))}
        aria-invalid={!!error}
        aria-describedby={error ? 'fnewfolder-error' : undefined}
        spellCheck={false}
        autoComplete="off"
        disabled={busy}
      />
      <button type="submit" className="btn btn--small" disabled={busy}>
        {busy ? 'Creating…' : 'Create folder'}
      </button>
      <button type="button" className="btn btn--small" onClick={onCancel}>
        Cancel
      </button>
      {error ? (
        <p id="fnewfolder-error" className="fnewfolder__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
