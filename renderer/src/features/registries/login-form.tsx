import { useEffect, useRef, useState, type FormEvent } from 'react';
import { registryLoginArgs } from '../../../../contract/domains/registries.js';
import type { RegistryLoginResult } from '../../../../contract/models/registries.js';
import { useApi } from '../../app/runtime-context.js';
import { Spinner } from '../../ui/spinner.js';
import { messageOf } from '../../lib/error-message.js';
import { fieldMessage } from '../../lib/field-message.js';
import { sameRegistry } from './registries-model.js';

type Field = 'server' | 'username' | 'password';
/** How a field is named when its message goes on from it ("The password is …"). */
const FIELD_LABELS: Record<Field, string> = { server: 'The server', username: 'The user name', password: 'The password' };

interface Props {
  /** Called after a successful login (the list refreshes). */
  onLoggedIn(result: RegistryLoginResult): void;
  /** The latest logout from the list: the success note of a login to that server goes (it is no longer true). */
  loggedOut?: { server: string };
}

/** Log in: the engine checks the credentials first; only then are they stored where the Docker CLI keeps them. */
export function LoginForm({ onLoggedIn, loggedOut }: Props) {
  const api = useApi();
  const [server, setServer] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [success, setSuccess] = useState<{ server: string; text: string }>();
  const passwordInput = useRef<HTMLInputElement>(null);

  // A refused login: back to the password once the form is enabled again (disabling it dropped the focus to the page).
  // A successful one: the page moves the focus to the new entry of the list.
  useEffect(() => {
    if (!busy && error) passwordInput.current?.focus();
  }, [busy, error]);

  useEffect(() => {
    if (loggedOut) setSuccess((s) => (s && sameRegistry(s.server, loggedOut.server) ? undefined : s));
  }, [loggedOut]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setSuccess(undefined);
    const parsed = registryLoginArgs.safeParse({ server, username, password });
    if (!parsed.success) {
      const errs: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const f = issue.path[0];
        if ((f === 'server' || f === 'username' || f === 'password') && !errs[f]) errs[f] = fieldMessage(FIELD_LABELS[f], issue.message);
      }
      setFieldErrors(errs);
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      const result = await api.registries.login(parsed.data);
      setPassword('');
      setSuccess({ server: result.server, text: `Logged in to ${result.server} as ${result.username}. Credentials stored in the ${result.storeLabel}.` });
      onLoggedIn(result);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const invalid = (f: Field) => (fieldErrors[f] ? { 'aria-invalid': true as const, 'aria-describedby': `reg-login-${f}-error` } : {});
  const fieldError = (f: Field) =>
    fieldErrors[f] ? (
      <span className="reg-form__error" id={`reg-login-${f}-error`}>
        {fieldErrors[f]}
      </span>
    ) : null;

  return (
    <form className="reg-form" onSubmit={(e) => void submit(e)} aria-labelledby="reg-login-title" aria-busy={busy} noValidate>
      <h2 id="reg-login-title" className="reg-section__title">
        Log in
      </h2>
      <p className="muted reg-section__hint">The engine checks the credentials with the registry first. They are then kept where the Docker CLI keeps them: your credential helper, or the Docker config.</p>
      <fieldset className="reg-form__fields" disabled={busy}>
        <label className="reg-form__field">
          <span>Server</span>
          <input type="text" value={server} placeholder="docker.io or registry.example.com:5000" spellCheck={false} autoComplete="off" onChange={(e) => setServer(e.target.value)} {...invalid('server')} />
          {fieldError('server')}
        </label>
        <label className="reg-form__field">
          <span>Username</span>
          <input type="text" value={username} spellCheck={false} autoComplete="username" onChange={(e) => setUsername(e.target.value)} {...invalid('username')} />
          {fieldError('username')}
        </label>
        <label className="reg-form__field">
          <span>Password</span>
          <input ref={passwordInput} type="password" value={password} autoComplete="current-password" onChange={(e) => setPassword(e.target.value)} {...invalid('password')} />
          {fieldError('password')}
        </label>
        <div className="reg-form__actions">
          <button type="submit" className="btn btn--primary">
            Log in
          </button>
          {busy ? (
            <span className="reg-progress" role="status">
              <Spinner /> Logging in…
            </span>
          ) : null}
        </div>
      </fieldset>
      {error ? (
        <p className="reg-message reg-message--error" role="alert">
          {error}
        </p>
      ) : null}
      {success ? (
        <p className="reg-message reg-message--ok" role="status">
          {success.text}
        </p>
      ) : null}
    </form>
  );
}
