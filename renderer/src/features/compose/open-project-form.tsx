import { useState } from 'react';
import { useRuntime } from '../../app/runtime-context.js';
import { parseFileList } from './compose-projects.js';
import { projectNameError } from './opened-projects.js';
import { messageOf } from '../../lib/error-message.js';

/**
 * Open a project: type or paste the path of its compose file, or of its folder (several, merged in
 * order, separated by commas or lines), and optionally the project name to use.
 */
export function OpenProjectForm({ onOpen }: { onOpen(files: string[], projectName?: string): Promise<string | undefined> }) {
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [nameError, setNameError] = useState<string>();
  /** While the back end looks for the files. */
  const [checking, setChecking] = useState(false);
  // Desktop: the native Open dialog fills the field (browser mode takes a typed or pasted path).
  const pick = useRuntime().pickComposeFiles;
  const choose = async () => {
    const files = await pick!().catch((err: unknown) => (setError(`The Open dialog failed: ${messageOf(err)}`), []));
    if (files.length) {
      setText(files.join(', '));
      setError(undefined);
    }
  };
  return (
    <form
      className="compose-open"
      aria-label="Open a compose project"
      onSubmit={(e) => {
        e.preventDefault();
        const r = parseFileList(text);
        const badName = projectNameError(name);
        setError(r.error);
        setNameError(badName);
        if (r.error || badName || checking) return;
        setChecking(true);
        void onOpen(r.files, name.trim() || undefined)
          .then(setError)
          .finally(() => setChecking(false));
      }}
    >
      <label className="compose-open__field">
        <span>Compose file path</span>
        <input
          className="input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="/srv/app/compose.yaml or /srv/app (several: comma-separated, merged in order)"
          aria-invalid={!!error}
          // A screen reader reads why the path was refused with the field itself, as for the name.
          aria-describedby={error ? 'compose-open-path-error' : undefined}
        />
      </label>
      <label className="compose-open__field compose-open__field--name">
        <span>Project name (optional)</span>
        <input
          className="input"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (nameError) setNameError(projectNameError(e.target.value));
          }}
          placeholder="from the file or folder"
          aria-invalid={!!nameError}
          aria-describedby={nameError ? 'compose-open-name-error' : undefined}
        />
      </label>
      {pick ? (
        <button type="button" className="btn" onClick={() => void choose()}>
          Choose files…
        </button>
      ) : null}
      <button type="submit" className="btn btn--primary" disabled={checking}>
        {checking ? 'Opening…' : 'Open'}
      </button>
      {error ? (
        <p className="compose-error" role="alert" id="compose-open-path-error">
          {error}
        </p>
      ) : null}
      {nameError ? (
        <p className="compose-error" role="alert" id="compose-open-name-error">
          {nameError}
        </p>
      ) : null}
    </form>
  );
}
