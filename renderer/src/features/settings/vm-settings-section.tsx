import { useEffect, useId, useState } from 'react';
import type { SettingsView } from '../../../../contract/domains/settings.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { Modal } from '../../ui/modal.js';
import { reasonOf } from '../container-actions/run-actions.js';
import { Section } from './section.js';
import { VmShares } from './vm-shares.js';
import { formatGiB, resourceDrafts, resourcePatch, vmFieldErrors, vmSettingsPending, type ResourceDrafts, type SaveVm, type VmFieldErrors, type VmResourceKey } from './vm-settings.js';

const RESOURCE_LABEL: Record<VmResourceKey, string> = { cpus: 'CPUs', memoryMiB: 'memory', diskGiB: 'disk' };

/** Settings › Virtual machine: resources, shared folders and how forwarded ports are published. */
export function VmSettingsSection({ view }: { view: SettingsView }) {
  const api = useApi();
  const loaded = useAppStore((s) => s.settingsLoaded);
  const vmView = useAppStore((s) => s.engineStatus?.vm);
  const id = useId();
  const vm = view.settings.vm;
  const host = view.vmHost;
  const [drafts, setDrafts] = useState<ResourceDrafts>(() => resourceDrafts(vm));
  const [errors, setErrors] = useState<VmFieldErrors>({});
  const [status, setStatus] = useState<string>();
  const [confirmRestart, setConfirmRestart] = useState(false);
  const [restarting, setRestarting] = useState(false);
  const [restartError, setRestartError] = useState<string>();
  const [portsError, setPortsError] = useState<string>();
  // The box shows the click at once; the saved value follows (or comes back, when refused).
  const [portsDraft, setPortsDraft] = useState<boolean>();
  useEffect(() => setDrafts(resourceDrafts(vm)), [vm.cpus, vm.memoryMiB, vm.diskGiB]);

  const save: SaveVm = async (patch, what) => {
    setStatus(undefined);
    try {
      loaded(await api.settings.update({ patch }));
      setStatus(`${what} saved.`);
      return undefined;
    } catch (err) {
      setStatus(`${what} not saved.`);
      return vmFieldErrors(err);
    }
  };

  const saveResources = async () => {
    const r = resourcePatch(drafts, vm);
    if ('errors' in r) return setErrors(r.errors);
    setErrors((await save(r.patch, 'VM resources')) ?? {});
  };

  const restart = async () => {
    setConfirmRestart(false);
    setRestarting(true);
    setRestartError(undefined);
    try {
      await api.engine.vm({ action: 'restart' });
    } catch (err) {
      setRestartError(`The VM did not restart: ${reasonOf(err)}`);
    } finally {
      setRestarting(false);
    }
  };

  const savePorts = async (on: boolean) => {
    setPortsDraft(on);
    const r = await save({ vm: { portsAllInterfaces: on } }, 'Port publishing');
    setPortsError(r ? (r.ports ?? r.form ?? Object.values(r).join(' ')) : undefined);
    setPortsDraft(undefined);
  };

  const allInterfaces = portsDraft ?? vm.portsAllInterfaces;
  const pending = vmSettingsPending(vm, vmView);
  const field = (key: VmResourceKey, label: string, hint: string, draft: keyof ResourceDrafts, attrs: { min: number; step: number }) => {
    const error = errors[key];
    return (
      <div className="st-vm-field">
        <label htmlFor={`${id}${key}`}>{label}</label>
        <input
          id={`${id}${key}`}
          type="number"
          inputMode="decimal"
          min={attrs.min}
          step={attrs.step}
          value={drafts[draft]}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}${key}-hint${error ? ` ${id}${key}-error` : ''}`}
          onChange={(e) => setDrafts((d) => ({ ...d, [draft]: e.target.value }))}
        />
        <span className="st-hint" id={`${id}${key}-hint`}>
          {hint}
        </span>
        {error ? (
          <span className="st-field-error" id={`${id}${key}-error`} role="alert">
            {error}
          </span>
        ) : null}
      </div>
    );
  };

  return (
    <Section title="Virtual machine">
      {pending.inUse ? null : (
        <p className="st-hint st-vm-intro">
          These settings apply when Berth uses its VM: engine choice “vm”, or “auto” on macOS and Windows. The engine in use now is not Berth’s VM.
        </p>
      )}
      {errors.form ? (
        <p className="st-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <form
        className="st-vm-resources"
        noValidate
        aria-label="VM resources"
        onSubmit={(e) => {
          e.preventDefault();
          void saveResources();
        }}
      >
        {field('cpus', 'CPUs', `This computer has ${host.cpus} CPU${host.cpus === 1 ? '' : 's'}.`, 'cpus', { min: 1, step: 1 })}
        {field('memoryMiB', 'Memory (GiB)', `This computer has ${formatGiB(host.memoryMiB)}; at least 1 GiB.`, 'memoryGiB', { min: 1, step: 0.5 })}
        {field('diskGiB', 'Disk size (GiB)', `At least 8 GiB. It can grow; once the VM’s disk exists it never shrinks (saved: ${vm.diskGiB} GiB).`, 'diskGiB', { min: 8, step: 1 })}
        <div className="st-vm-resources__actions">
          <button type="submit" className="btn">
            Save resources
          </button>
        </div>
      </form>
      {pending.changed.length ? (
        <div className="st-vm-pending">
          <p>
            <strong>Applies at the next start of the VM.</strong> It runs now with {vmView!.cpus} CPU{vmView!.cpus === 1 ? '' : 's'}, {formatGiB(vmView!.memoryMiB)} of memory and a {vmView!.diskGiB} GiB disk
            (changed: {pending.changed.map((k) => RESOURCE_LABEL[k]).join(', ')}).
          </p>
          {pending.canRestart ? (
            <button type="button" className="btn" disabled={restarting} onClick={() => setConfirmRestart(true)}>
              {restarting ? 'Restarting the VM…' : 'Restart the VM'}
            </button>
          ) : null}
        </div>
      ) : null}
      {restartError ? (
        <p className="st-error" role="alert">
          {restartError}
        </p>
      ) : null}

      <VmShares vm={vm} home={host.home} vmView={vmView} save={save} />

      <h3 className="st-subtitle">Ports</h3>
      <label className="st-choice">
        <input
          type="checkbox"
          checked={allInterfaces}
          aria-describedby={`${id}ports-hint`}
          onChange={(e) => void savePorts(e.target.checked)}
        />
        Publish container ports on all network interfaces
      </label>
      <p className="st-hint" id={`${id}ports-hint`}>
        {allInterfaces
          ? 'Forwarded ports listen on every network interface (0.0.0.0 and ::): other computers that can reach this one can reach them.'
          : 'Forwarded ports listen on 127.0.0.1 and ::1 only.'}
      </p>
      {portsError ? (
        <p className="st-error" role="alert">
          {portsError}
        </p>
      ) : null}
      <p className="visually-hidden" role="status">
        {status}
      </p>

      {confirmRestart && vmView ? (
        <Modal
          title="Restart the VM?"
          tone="danger"
          role="alertdialog"
          describedBy={`${id}restart`}
          onClose={() => setConfirmRestart(false)}
          footer={
            <>
              <button type="button" className="btn" data-autofocus onClick={() => setConfirmRestart(false)}>
                Cancel
              </button>
              <button type="button" className="btn btn--danger" onClick={() => void restart()}>
                Restart the VM
              </button>
            </>
          }
        >
          <p id={`${id}restart`}>
            Every running container in the VM stops. The VM then starts again with {vm.cpus} CPU{vm.cpus === 1 ? '' : 's'}, {formatGiB(vm.memoryMiB)} of memory and a {vm.diskGiB} GiB disk, and with the
            shared folders as saved.
          </p>
        </Modal>
      ) : null}
    </Section>
  );
}
