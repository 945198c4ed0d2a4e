import { useState } from 'react';
import { parseProfiles } from './compose-projects.js';

/**
 * `--profile`: the services a project leaves out until one of their profiles is active are named, and
 * the profiles to activate can be typed (load, up and pull then use them).
 */
export function ProfilesField({ disabled, active, onApply }: { disabled: readonly string[]; active: readonly string[]; onApply(profiles: string[]): void }) {
  const [text, setText] = useState(active.join(', '));
  const [error, setError] = useState<string>();
  if (!disabled.length && !active.length) return null;
  return (
    <form
      className="compose-profiles"
      aria-label="Profiles"
      onSubmit={(e) => {
        e.preventDefault();
        const r = parseProfiles(text);
        setError(r.error);
        if (!r.error) onApply(r.profiles);
      }}
    >
      {disabled.length ? (
        <p className="muted" data-testid="profile-off">
          Left out until one of their profiles is active: {disabled.join(', ')}
        </p>
      ) : null}
      <label className="compose-open__field">
        <span>Active profiles</span>
        <input className="input" value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. debug, tools" aria-invalid={!!error} />
      </label>
      <button type="submit" className="btn">
        Apply
      </button>
      {error ? (
        <p className="compose-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
