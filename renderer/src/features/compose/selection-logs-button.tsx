import { useState } from 'react';
import type { ContainerSummary } from '../../../../contract/index.js';
import { Modal } from '../../ui/modal.js';
import { MergedLogView } from './merged-log-view.js';

/** On the Containers page: the selected containers' logs merged into one stream. */
export function SelectionLogsButton({ containers }: { containers: ContainerSummary[] }) {
  const [open, setOpen] = useState(false);
  if (!containers.length) return null;
  return (
    <>
      <button type="button" className="btn btn--small" onClick={() => setOpen(true)}>
        Merged logs of {containers.length} selected
      </button>
      {open ? (
        <Modal title={`Logs of ${containers.length} container${containers.length === 1 ? '' : 's'}`} onClose={() => setOpen(false)} size="large" closeLabel="Close">
          <MergedLogView sources={containers.map((c) => ({ id: c.id, label: c.name }))} />
        </Modal>
      ) : null}
    </>
  );
}
