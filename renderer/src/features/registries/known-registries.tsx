import { useEffect, useRef, useState } from 'react';
import type { RegistryInfo } from '../../../../contract/models/registries.js';
import { Spinner } from '../../ui/spinner.js';
import { ConfirmLogoutDialog } from './confirm-logout-dialog.js';
import { userLabel } from './registries-model.js';
import { messageOf } from '../../lib/error-message.js';

interface Props {
  registries: RegistryInfo[] | undefined;
  loading: boolean;
  error?: string;
  configPathHint?: string;
  /** The latest login (a new object each time): its registry's entry takes the focus once listed (the login form was disabled while it ran). */
  focusLogin?: { server: string };
  onLogout(server: string): Promise<void>;
  onRetry(): void;
}

/** The registries with stored credentials, each with a Log out button (asks first). */
export function KnownRegistries({ registries, loading, error, focusLogin, onLogout, onRetry }: Props) {
  const [confirming, setConfirming] = useState<RegistryInfo>();
  const [busy, setBusy] = useState<string>();
  const [logoutError, setLogoutError] = useState<string>();
  const table = useRef<HTMLTableElement>(null);
  const focused = useRef<object>(undefined);

  useEffect(() => {
    if (!focusLogin || focused.current === focusLogin) return;
    const row = [...(table.current?.tBodies[0]?.rows ?? [])].find((r) => r.dataset.server === focusLogin.server);
    if (!row) return;
    focused.current = focusLogin;
    row.focus();
  }, [focusLogin, registries]);

  const logout = async (r: RegistryInfo) => {
    setConfirming(undefined);
    setBusy(r.server);
    setLogoutError(undefined);
    try {
      await onLogout(r.server);
    } catch (err) {
      setLogoutError(messageOf(err));
    } finally {
      setBusy(undefined);
    }
  };

  let body;
  if (error) {
    body = (
      <div className="reg-message reg-message--error" role="alert">
        <span>Berth could not read the stored credentials: {error}</span>
        <button type="button" className="btn btn--small" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  } else if (!registries) {
    body = (
      <p className="reg-progress" role="status">
        <Spinner /> Reading the stored credentials…
      </p>
    );
  } else if (registries.length === 0) {
    body = <p className="muted">You are not logged in to any registry. Log in below; the Docker CLI will use the same credentials.</p>;
  } else {
    body = (
      <table className="reg-table" aria-label="Known registries" ref={table}>
        <thead>
          <tr>
            <th scope="col">Server</th>
            <th scope="col">User</th>
            <th scope="col">Stored in</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {registries.map((r) => (
            <tr key={r.server} data-server={r.server} tabIndex={-1}>
              <td className="mono">{r.dockerHub ? 'docker.io (Docker Hub)' : r.server}</td>
              <td>{userLabel(r)}</td>
              <td className="reg-table__store">
                {r.storeLabel}
                {r.problem ? (
                  <span className="reg-table__problem" title={r.problem}>
                    {' '}
                    ({r.problem})
                  </span>
                ) : null}
              </td>
              <td className="reg-table__actions">
                <button type="button" className="btn btn--small" aria-label={`Log out of ${r.server}`} disabled={busy === r.server} onClick={() => setConfirming(r)}>
                  {busy === r.server ? <Spinner /> : null}
                  Log out
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  return (
    <section className="reg-section" aria-labelledby="reg-known-title">
      <div className="reg-section__head">
        <h2 id="reg-known-title" className="reg-section__title">
          Logged in
        </h2>
        {loading && registries ? <Spinner /> : null}
      </div>
      {body}
      {logoutError ? (
        <p className="reg-message reg-message--error" role="alert">
          {logoutError}
        </p>
      ) : null}
      {confirming ? <ConfirmLogoutDialog registry={confirming} onConfirm={() => void logout(confirming)} onCancel={() => setConfirming(undefined)} /> : null}
    </section>
  );
}
