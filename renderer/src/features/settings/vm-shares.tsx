import { useId, useState } from 'react';
import type { VmSettings } from '../../../../contract/domains/settings.js';
import type { VmView } from '../../../../contract/index.js';
import { Modal } from '../../ui/modal.js';
import { mayUse9p, shareFsLabel, type SaveVm } from './vm-settings.js';

/** Settings › Virtual machine › Shared folders: the host folders bind mounts can use, at the same path in the VM. */
export function VmShares({ vm, home, vmView, save }: { vm: VmSettings; home: string; vmView: VmView | undefined; save: SaveVm }) {
  const id = useId();
  const [path, setPath] = useState('');
  const [readOnly, setReadOnly] = useState(false);
  const [error, setError] = useState<string>();
  const [removeError, setRemoveError] = useState<string>();
  const [removing, setRemoving] = useState<string>();
  const fs = shareFsLabel(vmView);

  const add = async () => {
    const problems = await save({ vm: { shares: [...vm.shares, { hostPath: path, ...(readOnly ? { readOnly: true } : {}) }] } }, `Shared folder ${path}`);
    if (problems) return setError(problems.shares ?? problems.form ?? Object.values(problems).join(' '));
    setError(undefined);
    setPath('');
    setReadOnly(false);
  };

  const remove = async (hostPath: string) => {
    setRemoving(undefined);
    const problems = await save({ vm: { shares: vm.shares.filter((s) => s.hostPath !== hostPath) } }, `Removal of ${hostPath}`);
    setRemoveError(problems ? (problems.shares ?? problems.form ?? Object.values(problems).join(' ')) : undefined);
  };

  return (
    <>
      <h3 className="st-subtitle" id={`${id}title`}>
        Shared folders
      </h3>
      <p className="st-hint">
        Containers can bind-mount host folders inside these (at the same path in the VM). Changes apply at the next start of the VM.{fs ? ` ${fs}.` : ''}
      </p>
      {vm.shares.length ? (
        <ul className="st-shares" aria-labelledby={`${id}title`}>
          {vm.shares.map((s) => (
            <li key={s.hostPath} className="st-share">
              <code className="st-share__path">{s.hostPath}</code>
              <span className="st-share__mode">{s.readOnly ? 'Read-only' : 'Read and write'}</span>
              <button type="button" className="btn" aria-label={`Remove ${s.hostPath}`} onClick={() => setRemoving(s.hostPath)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="st-hint">No folder is shared: a bind mount of a host folder shows an empty folder in the container.</p>
      )}
      {removeError ? (
        <p className="st-error" role="alert">
          {removeError}
        </p>
      ) : null}
      <form
        className="st-share-add"
        noValidate
        aria-label="Add a shared folder"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label htmlFor={`${id}path`}>Folder to share (full path)</label>
        <input
          id={`${id}path`}
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder={`${home}/projects`}
          value={path}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}error` : undefined}
          onChange={(e) => setPath(e.target.value)}
        />
        <label className="st-choice">
          <input type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} />
          Read-only
        </label>
        <button type="submit" className="btn">
          Add folder
        </button>
        {error ? (
          <p className="st-field-error" id={`${id}error`} role="alert">
            {error}
          </p>
        ) : null}
      </form>
      {mayUse9p(vmView) ? (
        <p className="st-hint">
          With 9p, changes made to files on the host raise no file-change events (inotify) in containers: hot-reload tools should poll instead, e.g.{' '}
          <code>CHOKIDAR_USEPOLLING=true</code> or <code>WATCHPACK_POLLING=true</code>.
        </p>
      ) : null}

      {removing !== undefined ? (
        <Modal
          title={`Stop sharing ${removing}?`}
          tone="danger"
          role="alertdialog"
          describedBy={`${id}confirm`}
          onClose={() => setRemoving(undefined)}
          footer={
            <>
              <button type="button" className="btn" data-autofocus onClick={() => setRemoving(undefined)}>
                Cancel
              </button>
              <button type="button" className="btn btn--danger" onClick={() => void remove(removing)}>
                Remove
              </button>
            </>
          }
        >
          <p id={`${id}confirm`}>
            Containers using bind mounts in <code>{removing}</code> will see an empty folder there after the next start of the VM. The folder itself and its files stay on this computer.
          </p>
        </Modal>
      ) : null}
    </>
  );
}
