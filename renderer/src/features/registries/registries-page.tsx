import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RegistryInfo, RegistryLoginResult } from '../../../../contract/models/registries.js';
import { useApi } from '../../app/runtime-context.js';
import { KnownRegistries } from './known-registries.js';
import { LoginForm } from './login-form.js';
import { messageOf } from '../../lib/error-message.js';
import { registrySuggestions } from './registries-model.js';
import { RegistrySearch } from './registry-search.js';
import './registries.css';

/** Registries: who you are logged in as (shared with the Docker CLI), log in/out, and search to pull. */
export function RegistriesPage() {
  const api = useApi();
  const [registries, setRegistries] = useState<RegistryInfo[]>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  /** The latest successful login: its entry takes the focus, and a search of its registry that failed runs again. */
  const [loggedIn, setLoggedIn] = useState<RegistryLoginResult>();
  /** The latest logout (a new object each time): a "Logged in to …" note about that server is no longer true. */
  const [loggedOut, setLoggedOut] = useState<{ server: string }>();
  const alive = useRef(true);

  const refresh = useCallback(async () => {
    setLoading(true);
    try {
      const list = await api.registries.list({});
      if (!alive.current) return;
      setRegistries(list);
      setError(undefined);
    } catch (err) {
      if (alive.current) setError(messageOf(err));
    } finally {
      if (alive.current) setLoading(false);
    }
  }, [api]);

  useEffect(() => {
    alive.current = true;
    void refresh();
    return () => {
      alive.current = false;
    };
  }, [refresh]);

  const logout = useCallback(
    async (server: string) => {
      await api.registries.logout({ server });
      setLoggedOut({ server });
      await refresh();
    },
    [api, refresh],
  );

  const suggestions = useMemo(() => registrySuggestions(registries ?? []), [registries]);

  return (
    <div className="page page--scroll registries">
      <div className="toolbar">
        <p className="toolbar__text">
          Credentials are shared with the Docker CLI (<code>docker login</code>): Berth reads and writes the same credential helpers and Docker config.
        </p>
      </div>
      <div className="registries__grid">
        <KnownRegistries registries={registries} loading={loading} error={error} focusLogin={loggedIn} onLogout={logout} onRetry={() => void refresh()} />
        <section className="reg-section" aria-label="Log in to a registry">
          <LoginForm
            loggedOut={loggedOut}
            onLoggedIn={(result) => {
              setLoggedIn(result);
              void refresh();
            }}
          />
        </section>
        <RegistrySearch suggestions={suggestions} loggedIn={loggedIn} loggedOut={loggedOut} />
      </div>
    </div>
  );
}
