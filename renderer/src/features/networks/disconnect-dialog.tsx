import { holdsEndpoint } from '../../../../contract/domains/network-connect-check.js';
import type { NetworkContainerRef, NetworkSummary } from '../../../../contract/models/networks.js';
import { useApi } from '../../app/runtime-context.js';
import { Modal } from '../../ui/modal.js';
import { useAction } from '../../ui/use-action.js';

interface DisconnectDialogProps {
  network: Pick<NetworkSummary, 'id' | 'name'>;
  /** The container's endpoint on that network (its name, state and addresses). */
  container: NetworkContainerRef;
  /** Every network, live: says whether the container keeps another one. */
  networks: Iterable<NetworkSummary>;
  onClose(): void;
}

/**
 * "Disconnect web from app?": a running container loses its address there and everyone on that network
 * loses it, so this asks first, naming both, and says when it is the container's last network.
 */
export function DisconnectDialog({ network, container: c, networks, onClose }: DisconnectDialogProps) {
  const api = useApi();
  const { busy, error, run } = useAction();
  const others = [...networks].filter((n) => n.id !== network.id && n.containers.some((x) => x.id === c.id)).map((n) => n.name);
  const running = holdsEndpoint(c.state);
  const addresses = [c.ipv4, c.ipv6].filter(Boolean).join(', ');

  const disconnect = () =>
    run(async () => {
      await api.networks.disconnect({ network: network.id, container: c.id });
      onClose();
    });

  return (
    <Modal
      title={`Disconnect ${c.name} from ${network.name}?`}
      onClose={onClose}
      busy={busy}
      error={error}
      size="narrow"
      tone="danger"
      role="alertdialog"
      describedBy="net-disconnect-what net-disconnect-rest"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy} data-autofocus>
            Cancel
          </button>
          <button type="button" className="btn btn--danger" onClick={() => void disconnect()} disabled={busy}>
            {busy ? 'Disconnecting…' : 'Disconnect'}
          </button>
        </>
      }
    >
      <p id="net-disconnect-what">
        {running
          ? `${c.name} keeps running, but loses ${addresses ? `its address ${addresses} on` : 'its connection to'} ${network.name}: it and the other containers on ${network.name} can no longer reach each other.`
          : `${c.name} will no longer be on ${network.name} when it starts.`}
      </p>
      <p id="net-disconnect-rest">{others.length ? `It stays on ${others.join(', ')}.` : `It is on no other network, so it ${running ? 'loses all network access' : 'will start with no network access'}.`}</p>
    </Modal>
  );
}
