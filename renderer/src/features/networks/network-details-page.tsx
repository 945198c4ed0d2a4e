import { useState } from 'react';
import { cannotLeaveHostMessage, joinsOnlyAtCreate, onlyAtCreateMessage } from '../../../../contract/domains/network-connect-check.js';
import type { NetworkContainerRef } from '../../../../contract/models/networks.js';
import { useAppStore } from '../../app/runtime-context.js';
import { formatAbsoluteTime } from '../../lib/format/relative-time.js';
import { AlertIcon } from '../../ui/icons.js';
import { Notice } from '../../ui/notice.js';
import { AttachedList } from './attached-list.js';
import { connectChoices } from './connect-candidates.js';
import { ConnectDialog } from './connect-dialog.js';
import { DisconnectDialog } from './disconnect-dialog.js';
import { blocksOf, flagsOf } from './network-rows.js';
import { RemoveNetworkDialog } from './remove-network-dialog.js';
import { findNetwork, useLiveNetworks } from './use-live-networks.js';
import './networks.css';

/** One network at `#/networks/<name or id>`: its blocks, flags, labels, options and the containers on it, live. */
export function NetworkDetailsPage({ network: ref }: { network: string }) {
  const live = useLiveNetworks();
  const containers = useAppStore((s) => s.containers);
  const [dialog, setDialog] = useState<'connect' | 'remove' | { disconnect: NetworkContainerRef } | null>(null);
  const n = findNetwork(live.networks, ref);

  if (live.phase !== 'live' && !n) {
    return (
      <div className="page page--center">
        <Notice title="Loading the network…" busy role="status" />
      </div>
    );
  }
  if (!n) {
    return (
      <div className="page page--center">
        <Notice title={`There is no network “${ref}”.`} icon={<AlertIcon width={28} height={28} />} role="alert">
          <p>
            It may have been removed. <a href="#/networks">Back to networks</a>
          </p>
        </Notice>
      </div>
    );
  }

  const kv = (label: string, value: string | undefined) => (value ? [label, value] : undefined);
  const facts = [
    kv('ID', n.id),
    kv('Driver', `${n.driver} (${n.scope})`),
    kv('IPv4', blocksOf(n, 4).join('; ')),
    kv('IPv6', blocksOf(n, 6).join('; ')),
    kv('Flags', [...(n.builtIn ? ['the engine’s own'] : []), ...flagsOf(n)].join(', ')),
    kv('Labels', Object.entries(n.labels).map(([k, v]) => `${k}=${v}`).join(', ')),
    kv('Driver options', Object.entries(n.options).map(([k, v]) => `${k}=${v}`).join(', ')),
    kv('Created', n.created ? formatAbsoluteTime(n.created) : undefined),
  ].filter((x): x is [string, string] => !!x);

  return (
    <div className="page page--scroll net-page">
      <p>
        <a href="#/networks">Networks</a> · <a href="#/networks?view=map">Map</a>
      </p>
      <header className="net-details__header">
        <h2 className="net-details__name">{n.name}</h2>
        <div className="net-toolbar-actions">
          <button type="button" className="btn" onClick={() => setDialog('connect')} disabled={joinsOnlyAtCreate(n)} title={joinsOnlyAtCreate(n) ? onlyAtCreateMessage(n.name) : undefined}>
            Connect a container…
          </button>
          <button type="button" className="btn" onClick={() => setDialog('remove')} disabled={n.builtIn} title={n.builtIn ? 'The engine’s own network: Berth does not remove it' : undefined}>
            Remove…
          </button>
        </div>
      </header>
      <dl className="kv">
        {facts.map(([k, v]) => (
          <div key={k} className="net-fact">
            <dt>{k}</dt>
            <dd className={k === 'ID' || k === 'IPv4' || k === 'IPv6' ? 'mono' : undefined}>{v}</dd>
          </div>
        ))}
      </dl>
      <section aria-label="Attached containers">
        <h3>Containers ({n.containers.length})</h3>
        <AttachedList
          containers={n.containers}
          network={n.name}
          onDisconnect={(c) => setDialog({ disconnect: c })}
          cannotDisconnect={n.name === 'host' ? (c) => cannotLeaveHostMessage(c.name) : undefined}
        />
      </section>
      {dialog === 'connect' ? <ConnectDialog network={n} containers={connectChoices(containers.values(), live.networks.values())} onClose={() => setDialog(null)} /> : null}
      {typeof dialog === 'object' && dialog ? <DisconnectDialog network={n} container={n.containers.find((c) => c.id === dialog.disconnect.id) ?? dialog.disconnect} networks={live.networks.values()} onClose={() => setDialog(null)} /> : null}
      {dialog === 'remove' ? <RemoveNetworkDialog network={n} onClose={() => setDialog(null)} onRemoved={() => (window.location.hash = '#/networks')} /> : null}
    </div>
  );
}
