import { useMemo, useState } from 'react';
import type { NetworkCapabilities, NetworkSummary } from '../../../../contract/models/networks.js';
import { useApi } from '../../app/runtime-context.js';
import { Field, fieldAria } from '../run-container/field.js';
import { checkDraft, emptyDraft, type DraftErrors, type NetworkDraft } from './create-draft.js';
import { NetworkFormDialog, useCheckedSubmit } from './network-form-dialog.js';
import '../../ui/form-fields.css';

interface CreateNetworkDialogProps {
  networks: readonly NetworkSummary[];
  capabilities?: NetworkCapabilities;
  onClose(): void;
  onCreated(network: NetworkSummary): void;
}

/** Create a network: checked as you type against the live list (overlap names its owner), sent only when clean. */
export function CreateNetworkDialog({ networks, capabilities, onClose, onCreated }: CreateNetworkDialogProps) {
  const api = useApi();
  const [draft, setDraft] = useState<NetworkDraft>(emptyDraft);
  const { touched, busy, failure, submit, clearFailure } = useCheckedSubmit<DraftErrors>();
  const swarm = capabilities?.swarm ?? false;
  const checked = useMemo(() => checkDraft(draft, { networks, swarm }), [draft, networks, swarm]);
  const errors: DraftErrors = touched ? { ...failure?.errors, ...checked.errors } : {};
  const set = <K extends keyof NetworkDraft>(key: K, value: NetworkDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    clearFailure();
  };
  const { spec } = checked;
  const dirty = (Object.keys(draft) as (keyof NetworkDraft)[]).some((k) => draft[k] !== emptyDraft[k]);
  const create = () => submit(!!spec, async () => onCreated(await api.networks.create(spec!)));

  const text = (key: 'name' | 'subnet' | 'gateway' | 'ipRange' | 'subnet6' | 'gateway6', label: string, hint?: string, wide?: boolean) => (
    <Field id={`net-${key}`} label={label} error={errors[key]} hint={hint} wide={wide}>
      <input className="input" {...fieldAria(`net-${key}`, errors[key], hint && !errors[key] ? `net-${key}-hint` : undefined)} value={draft[key]} autoComplete="off" spellCheck={false} onChange={(e) => set(key, e.target.value)} />
    </Field>
  );

  return (
    <NetworkFormDialog
      title="Create a network"
      onClose={onClose}
      dirty={dirty}
      discardQuestion="Discard this network’s settings?"
      size="wide"
      closeOnBackdrop={false}
      formId="net-create-form"
      busy={busy}
      failure={failure}
      submitLabel="Create"
      busyLabel="Creating…"
      onSubmit={() => void create()}
    >
      {text('name', 'Name')}
      <Field id="net-driver" label="Driver" error={errors.driver} hint={swarm ? undefined : 'Overlay needs a swarm: this engine is not in one'}>
        <select className="input" {...fieldAria('net-driver', errors.driver, swarm || errors.driver ? undefined : 'net-driver-hint')} value={draft.driver} onChange={(e) => set('driver', e.target.value as NetworkDraft['driver'])}>
          <option value="bridge">bridge</option>
          <option value="macvlan">macvlan</option>
          <option value="ipvlan">ipvlan</option>
          <option value="overlay" disabled={!swarm}>
            overlay{swarm ? '' : ' (needs a swarm)'}
          </option>
        </select>
      </Field>
      {text('subnet', 'Subnet', 'e.g. 10.213.0.0/24; empty: the engine picks one')}
      {text('gateway', 'Gateway', 'e.g. 10.213.0.1; empty: the first address')}
      {text('ipRange', 'IP range', 'Containers get addresses from this part of the subnet, e.g. 10.213.0.128/25', true)}
      <label className="net-check run-field--wide">
        <input type="checkbox" checked={draft.ipv6} onChange={(e) => set('ipv6', e.target.checked)} /> IPv6
      </label>
      {draft.ipv6 ? (
        <>
          {text('subnet6', 'IPv6 subnet', 'e.g. fd00:10:213::/64')}
          {text('gateway6', 'IPv6 gateway', 'Empty: the first address')}
        </>
      ) : errors.subnet6 ? (
        <p className="run-field__error run-field--wide">{errors.subnet6}</p>
      ) : null}
      <label className="net-check">
        <input type="checkbox" checked={draft.internal} onChange={(e) => set('internal', e.target.checked)} /> Internal (no access to the outside)
      </label>
      <label className="net-check">
        <input type="checkbox" checked={draft.attachable} onChange={(e) => set('attachable', e.target.checked)} /> Attachable (swarm)
      </label>
      <Field id="net-labels" label="Labels" error={errors.labels} hint="One KEY=VALUE per line">
        <textarea className="input mono" rows={3} {...fieldAria('net-labels', errors.labels)} value={draft.labels} spellCheck={false} onChange={(e) => set('labels', e.target.value)} />
      </Field>
      <Field id="net-options" label="Driver options" error={errors.options} hint={draft.driver === 'bridge' ? 'e.g. com.docker.network.bridge.name=br-web' : 'e.g. parent=eth0'}>
        <textarea className="input mono" rows={3} {...fieldAria('net-options', errors.options)} value={draft.options} spellCheck={false} onChange={(e) => set('options', e.target.value)} />
      </Field>
    </NetworkFormDialog>
  );
}
