import { useId, useState } from 'react';
import type { VmView } from '../../../../contract/index.js';
import { useApi } from '../../app/runtime-context.js';
import { Modal } from '../../ui/modal.js';
import { vmActionsFor, vmFields, type VmAction } from './vm-selectors.js';
import { messageOf } from '../../lib/error-message.js';

const LABEL: Record<VmAction, string> = { start: 'Start', stop: 'Stop', restart: 'Restart', delete: 'Delete VM', reset: 'Reset VM' };

const CONFIRM: Partial<Record<VmAction, { title: string; text: string }>> = {
  delete: {
    title: 'Delete the VM?',
    text: 'This deletes the VM and its data disk: every image, container and volume in it is lost. Berth creates a new VM at the next start.',
  },
  reset: {
    title: 'Reset the VM?',
    text: 'This deletes every image, container and volume in the VM, then starts it afresh from the base image. It cannot be undone.',
  },
};

/** The Engine page's "Virtual machine" section: state, resources, console tail and lifecycle buttons. */
export function VmCard({ vm }: { vm: VmView }) {
  const api = useApi();
  const id = useId();
  const [busy, setBusy] = useState<VmAction | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState<VmAction | undefined>();

  const run = async (action: VmAction) => {
    setConfirming(undefined);
    setBusy(action);
    setError(undefined);
    try {
      await api.engine.vm({ action });
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(undefined);
    }
  };
  const ask = CONFIRM[confirming ?? 'start'];

  return (
    <section className="card vm-card" aria-labelledby={`${id}title`}>
      <h2 className="card__title" id={`${id}title`}>
        Virtual machine
      </h2>
      <table className="fields" aria-labelledby={`${id}title`}>
        <tbody>
          {vmFields(vm).map((f) => (
            <tr key={f.label}>
              <th scope="row">{f.label}</th>
              <td>{f.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {vm.warning ? <p className="vm-card__warning">{vm.warning}</p> : null}
      <div className="vm-card__actions">
        {vmActionsFor(vm.state).map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'delete' || a === 'reset' ? 'btn btn--danger' : 'btn'}
            disabled={busy !== undefined}
            onClick={() => (CONFIRM[a] ? setConfirming(a) : void run(a))}
          >
            {busy === a ? `${LABEL[a]}…` : LABEL[a]}
          </button>
        ))}
      </div>
      {error ? (
        <p className="inline-warning" role="alert">
          {error}
        </p>
      ) : null}
      {vm.consoleTail?.length ? (
        <>
          <h3 className="card__subtitle" id={`${id}console`}>
            Console (last {vm.consoleTail.length} lines)
          </h3>
          <pre className="vm-card__console" role="log" aria-labelledby={`${id}console`} tabIndex={0}>
            {vm.consoleTail.join('\n')}
          </pre>
        </>
      ) : null}
      {confirming && ask ? (
        <Modal
          title={ask.title}
          tone="danger"
          role="alertdialog"
          describedBy={`${id}confirm`}
          onClose={() => setConfirming(undefined)}
          footer={
            <>
              <button type="button" className="btn" data-autofocus onClick={() => setConfirming(undefined)}>
                Cancel
              </button>
              <button type="button" className="btn btn--danger" onClick={() => void run(confirming)}>
                {LABEL[confirming]}
              </button>
            </>
          }
        >
          <p id={`${id}confirm`}>{ask.text}</p>
        </Modal>
      ) : null}
    </section>
  );
}
