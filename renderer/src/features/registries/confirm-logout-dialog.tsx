import type { RegistryInfo } from '../../../../contract/models/registries.js';
import { Modal } from '../../ui/modal.js';
import { userLabel } from './registries-model.js';

interface Props {
  registry: RegistryInfo;
  onConfirm(): void;
  onCancel(): void;
}

/** "Log out of X?": says exactly what is removed and from where. Escape or Cancel closes it. */
export function ConfirmLogoutDialog({ registry, onConfirm, onCancel }: Props) {
  return (
    <Modal
      title={`Log out of ${registry.server}?`}
      role="alertdialog"
      describedBy="reg-logout-desc"
      size="narrow"
      tone="danger"
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel} data-autofocus>
            Cancel
          </button>
          <button type="button" className="btn btn--danger" onClick={onConfirm}>
            Log out
          </button>
        </>
      }
    >
      <p id="reg-logout-desc">
        This removes the credentials of {userLabel(registry)} from the {registry.storeLabel}. The Docker CLI uses the same store, so <code>docker</code> is logged out too.
      </p>
    </Modal>
  );
}
