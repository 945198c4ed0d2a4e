import { useState } from 'react';
import { connectIssues, joinBar, type ConnectIssue } from '../../../../contract/domains/network-connect-check.js';
import type { NetworkSummary } from '../../../../contract/models/networks.js';
import { useApi } from '../../app/runtime-context.js';
import { Field, fieldAria } from '../run-container/field.js';
import type { ConnectChoice } from './connect-candidates.js';
import { NetworkFormDialog, useCheckedSubmit } from './network-form-dialog.js';
import '../../ui/form-fields.css';

type Errors = Partial<Record<ConnectIssue['field'], string>>;

/**
 * Opened from a network (that network, a container to choose: see connectChoices) or from a container
 * (that container, a network to choose).
 */
type ConnectDialogProps = ({ network: NetworkSummary; containers: readonly ConnectChoice[] } | { container: ConnectChoice; networks: readonly NetworkSummary[] }) & { onClose(): void };

/** Connect a container to a network, with aliases and a static address, checked before sending. */
export function ConnectDialog(props: ConnectDialogProps) {
  const { onClose } = props;
  const api = useApi();
  const fixedNetwork = 'network' in props;
  const fixedContainer = 'container' in props;
  const networks = 'network' in props ? [props.network] : props.networks;
  const containers = 'container' in props ? [props.container] : props.containers;
  const [networkId, setNetworkId] = useState('network' in props ? props.network.id : '');
  const [containerId, setContainerId] = useState('container' in props ? props.container.id : '');
  const [aliases, setAliases] = useState('');
  const [ipv4, setIpv4] = useState('');
  const [ipv6, setIpv6] = useState('');
  const { touched, busy, failure, submit, clearFailure } = useCheckedSubmit<Errors>();
  const network = networks.find((n) => n.id === networkId);
  const container = containers.find((c) => c.id === containerId);
  // Something chosen or typed that closing would throw away (a network or container given by the opener is no choice).
  const dirty = (!fixedNetwork && networkId !== '') || (!fixedContainer && containerId !== '') || !!(aliases.trim() || ipv4.trim() || ipv6.trim());

  const request = { container: containerId, aliases: uniqueAliases(aliases), ipv4: ipv4.trim() || undefined, ipv6: ipv6.trim() || undefined };
  const issues: ConnectIssue[] = network ? connectIssues(request, network, container) : [{ field: 'container', message: 'Choose a network to connect to' }];
  // From a network: the containers that cannot join it are shown apart, disabled, each with the reason.
  const choices = containers.map((c) => ({ c, bar: network && joinBar(c, network) }));
  const open = choices.filter((x) => !x.bar);
  const barred = choices.filter((x) => x.bar);
  const errors: Errors = {};
  if (touched) {
    for (const i of issues) errors[i.field] ??= i.message;
    Object.assign(errors, failure?.errors);
  }
  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    clearFailure();
  };
  const connect = () =>
    submit(!issues.length && !!network, async () => {
      await api.networks.connect({ network: network!.id, ...request });
      onClose();
    });

  const title = fixedNetwork ? `Connect a container to ${networks[0]!.name}` : `Connect ${container?.name ?? 'a container'} to a network`;
  return (
    <NetworkFormDialog
      title={title}
      onClose={onClose}
      dirty={dirty}
      discardQuestion="Discard this connection’s settings?"
      closeOnBackdrop={false}
      formId="net-connect-form" busy={busy} failure={failure} submitLabel="Connect" busyLabel="Connecting…" onSubmit={() => void connect()}>
      {fixedContainer ? null : (
        <Field id="net-connect-container" label="Container" error={errors.container} hint={open.length ? undefined : `No container can join ${networks[0]!.name} now`} wide>
          <select className="input" {...fieldAria('net-connect-container', errors.container)} value={containerId} onChange={(e) => edit(setContainerId)(e.target.value)}>
            <option value="">Choose a container…</option>
            {open.map(({ c }) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.state})
              </option>
            ))}
            {barred.length ? (
              <optgroup label={`Cannot join ${networks[0]!.name}`}>
                {barred.map(({ c, bar }) => (
                  <option key={c.id} value={c.id} disabled>
                    {c.name} ({c.state}) — {bar}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </Field>
      )}
      {fixedNetwork ? null : (
        <Field id="net-connect-network" label="Network" error={fixedContainer ? errors.container : undefined} wide>
          <select className="input" {...fieldAria('net-connect-network', fixedContainer ? errors.container : undefined)} value={networkId} onChange={(e) => edit(setNetworkId)(e.target.value)}>
            <option value="">Choose a network…</option>
            {networks.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name} ({n.driver}
                {n.ipam[0]?.subnet ? ` ${n.ipam[0].subnet}` : ''})
              </option>
            ))}
          </select>
        </Field>
      )}
      {fixedNetwork && fixedContainer && errors.container ? <p className="run-field__error run-field--wide">{errors.container}</p> : null}
      <Field id="net-connect-aliases" label="Aliases" error={errors.aliases} hint="Other DNS names on this network, separated by spaces or commas" wide>
        <input className="input" {...fieldAria('net-connect-aliases', errors.aliases)} value={aliases} autoComplete="off" spellCheck={false} onChange={(e) => edit(setAliases)(e.target.value)} />
      </Field>
      <Field id="net-connect-ipv4" label="IPv4 address" error={errors.ipv4} hint="Empty: the engine picks one">
        <input className="input" {...fieldAria('net-connect-ipv4', errors.ipv4)} value={ipv4} autoComplete="off" spellCheck={false} onChange={(e) => edit(setIpv4)(e.target.value)} />
      </Field>
      <Field id="net-connect-ipv6" label="IPv6 address" error={errors.ipv6} hint="Only on a network with IPv6">
        <input className="input" {...fieldAria('net-connect-ipv6', errors.ipv6)} value={ipv6} autoComplete="off" spellCheck={false} onChange={(e) => edit(setIpv6)(e.target.value)} />
      </Field>
    </NetworkFormDialog>
  );
}

/** The aliases typed, once each: DNS names ignore case, so "web, Web" is one name (the engine would keep both). */
function uniqueAliases(text: string): string[] {
  const seen = new Set<string>();
  return text.split(/[\s,]+/).filter((a) => a && !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
}
