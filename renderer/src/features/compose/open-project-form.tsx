import { useState } from 'react';
import { parseFileList } from './compose-projects.js';

/** Open a project: type or paste the path of its compose file (several, merged in order, separated by commas or lines). */
export function OpenProjectForm({ onOpen }: { onOpen(files: string[], projectName?: string): void }) {
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  return (
    <form
      className="compose-open"
      aria-label="Open a compose project"
      onSubmit={(e) => {
        e.preventDefault();
        const r = parseFileList(text);
        setError(r.error);
        if (!r.error) onOpen(r.files, name.trim() || undefined);
      }}
    >
      <label className="compose-open__field">
        <span>Compose file path</span>
        <input className="input" value={text} onChange={(e) => setText(e.target.value)} placeholder="/srv/app/compose.yaml (several: comma-separated, merged in order)" aria-invalid={!!error} />
      </label>
      <label className="compose-open__field compose-open__field--name">
        <span>Project name (optional)</span>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="from the file or folder" />
      </label>
      <button type="submit" className="btn btn--primary">
        Open
      </button>
      {error ? (
        <p className="compose-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
