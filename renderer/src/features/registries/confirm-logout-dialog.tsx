import { useEffect, useRef } from 'react';
import type { RegistryInfo } from '../../../../contract/models/registries.js';
import { userLabel } from './registries-model.js';

interface Props {
  registry: RegistryInfo;
  onConfirm(): void;
  onCancel(): void;
}

/** "Log out of X?": says exactly what is removed and from where. Escape or Cancel closes it. */
export function ConfirmLogoutDialog({ registry, onConfirm, onCancel }: Props) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);

  return (
    <div className="reg-backdrop">
      <div className="reg-dialog" role="alertdialog" aria-modal="true" aria-labelledby="reg-logout-title" aria-describedby="reg-logout-desc">
        <h2 id="reg-logout-title" className="reg-section__title">
          Log out of {registry.server}?
        </h2>
        <p id="reg-logout-desc">
          This removes the credentials of {userLabel(registry)} from the {registry.storeLabel}. The Docker CLI uses the same store, so <code>docker</code> is logged out too.
        </p>
        <div className="reg-dialog__actions">
          <button type="button" className="btn" ref={cancelRef} onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn--danger" onClick={onConfirm}>
            Log out
          </button>
        </div>
      </div>
    </div>
  );
}
