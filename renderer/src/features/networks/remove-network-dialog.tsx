import { holdsEndpoint } from '../../../../contract/domains/network-connect-check.js';
import type { NetworkSummary } from '../../../../contract/models/networks.js';
import { useApi } from '../../app/runtime-context.js';
import { Modal } from '../../ui/modal.js';
import { useAction } from '../../ui/use-action.js';

/** Remove a network: names the containers attached (running ones are disconnected first; stopped ones lose it). */
export function RemoveNetworkDialog({ network, onClose, onRemoved }: { network: NetworkSummary; onClose(): void; onRemoved?(): void }) {
  const api = useApi();
  const { busy, error, run } = useAction();
  const running = network.containers.filter((c) => holdsEndpoint(c.state));
  const stopped = network.containers.filter((c) => !holdsEndpoint(c.state));

  const remove = () =>
    run(async () => {
      // The engine refuses to remove a network a running container is on: disconnect those first (they keep running).
      for (const c of running) await api.networks.disconnect({ network: network.id, container: c.id, force: false });
      await api.networks.remove({ network: network.id });
      onClose();
      onRemoved?.();
    });

  return (
    <Modal
      title={`Remove network ${network.name}?`}
      onClose={onClose}
      busy={busy}
      error={error}
      tone="danger"
      role="alertdialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="btn btn--danger" onClick={() => void remove()} disabled={busy}>
            {busy ? 'Removing…' : running.length ? `Disconnect ${running.length === 1 ? 'it' : `all ${running.length}`} and remove` : 'Remove'}
          </button>
        </>
      }
    >
      <p>
        This removes the network <strong>{network.name}</strong> ({network.driver}
        {network.ipam[0]?.subnet ? `, ${network.ipam.map((c) => c.subnet).join(', ')}` : ''}).
      </p>
      {running.length ? (
        <p>
          Used by running {running.length === 1 ? 'container' : 'containers'} {running.map((c) => c.name).join(', ')}: {running.length === 1 ? 'it is' : 'they are'} disconnected from it first, and {running.length === 1 ? 'keeps' : 'keep'} running.
        </p>
      ) : null}
      {stopped.length ? (
        <p>
          Stopped {stopped.length === 1 ? 'container' : 'containers'} {stopped.map((c) => c.name).join(', ')} will lose this network and cannot start until reconnected to another.
        </p>
      ) : null}
    </Modal>
  );
}
