import { useEffect, useState } from 'react';
import type { ContainerRemovalPlan } from '../../../../contract/models/container-actions.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { findContainer } from '../containers/find-container.js';
import { formatRetention } from '../recycle-bin/retention.js';
import { Modal } from '../../ui/modal.js';
import { reasonOf, type ActionOptions, type ActionTarget } from './run-actions.js';

/** Plans fetched for at most this many containers; beyond it only names are listed. */
const MAX_PLANS = 50;

interface RemoveDialogProps {
  targets: readonly ActionTarget[];
  onCancel(): void;
  onConfirm(options: ActionOptions): void;
}

/**
 * Asks before removing and names exactly what goes: the containers, their anonymous volumes when
 * "remove volumes" is ticked, and that the writable layer's data is lost while the configuration
 * goes to Recently removed.
 */
export function RemoveDialog({ targets, onCancel, onConfirm }: RemoveDialogProps) {
  const api = useApi();
  const [volumes, setVolumes] = useState(false);
  const [force, setForce] = useState(false);
  const [plans, setPlans] = useState<Map<string, ContainerRemovalPlan>>(new Map());
  const [planError, setPlanError] = useState<string>();
  const [retentionMs, setRetentionMs] = useState<number>();

  useEffect(() => {
    let live = true;
    void Promise.all(
      targets.slice(0, MAX_PLANS).map((t) =>
        api.containers.removalPlan({ id: t.id }).then(
          (p) => [t.id, p] as const,
          (err: unknown) => {
            if (live) setPlanError(`${t.name}: ${reasonOf(err)}`);
            return undefined;
          },
        ),
      ),
    ).then((list) => {
      if (live) setPlans(new Map(list.filter((x): x is readonly [string, ContainerRemovalPlan] => !!x)));
    });
    api.recycleBin.list({}).then(
      (l) => live && setRetentionMs(l.retentionMs),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, targets]);

  // The list is live: a container stopped or removed elsewhere (the CLI) while the dialog is open no
  // longer "needs Force", and one removed says so. The plan (fetched at open) counts until the list has it.
  const containers = useAppStore((s) => s.containers);
  const listLive = useAppStore((s) => s.containersPhase === 'live');
  const stateOf = (t: ActionTarget) => {
    const c = findContainer(containers, t.id);
    if (c) return { gone: false, running: c.state === 'running' || c.state === 'paused' || c.state === 'restarting' };
    return { gone: listLive, running: !listLive && !!plans.get(t.id)?.running };
  };
  const running = targets.filter((t) => stateOf(t).running).map((t) => t.name);
  const anonymous = targets.flatMap((t) => (plans.get(t.id)?.anonymousVolumes ?? []).map((v) => `${v} of ${t.name}`));
  const title = targets.length === 1 ? `Remove ${targets[0]!.name}?` : `Remove ${targets.length} containers?`;
  const blocked = running.length > 0 && !force;
  const one = targets.length === 1;

  return (
    <Modal
      title={title}
      tone="danger"
      onClose={onCancel}
      error={planError}
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel} data-autofocus>
            Cancel
          </button>
          <button type="button" className="btn btn--danger" disabled={blocked} onClick={() => onConfirm({ volumes, force })}>
            {targets.length === 1 ? 'Remove' : `Remove ${targets.length}`}
          </button>
        </>
      }
    >
      <p>{one ? 'This container will be removed:' : 'These containers will be removed:'}</p>
      <ul className="ca-list" aria-label="Containers to remove">
        {targets.map((t) => (
          <li key={t.id}>
            <strong>{t.name}</strong>
            {stateOf(t).gone ? <span className="ca-tag">already removed</span> : stateOf(t).running ? <span className="ca-tag">running — needs Force</span> : null}
          </li>
        ))}
      </ul>
      <label className="ca-check">
        <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} />
        Also remove anonymous volumes
      </label>
      {volumes ? (
        anonymous.length ? (
          <ul className="ca-list ca-list--volumes" aria-label="Volumes to remove">
            {anonymous.map((v) => (
              <li key={v}>{v}</li>
            ))}
          </ul>
        ) : (
          <p className="muted ca-indent">No anonymous volumes: nothing more goes. Named volumes and bind mounts are always kept.</p>
        )
      ) : null}
      <label className="ca-check">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
        Force (kill running containers first)
      </label>
      {blocked ? (
        <p className="ca-warn" role="status">
          {running.join(', ')} {running.length === 1 ? 'is' : 'are'} running or paused: tick Force, or stop {running.length === 1 ? 'it' : 'them'} first.
        </p>
      ) : null}
      <p className="ca-note">
        {one ? 'Data in the container’s writable layer is gone; only its configuration is kept. It goes' : 'Data in the containers’ writable layers is gone; only their configuration is kept. They go'} to{' '}
        <strong>Recently removed</strong>
        {retentionMs ? ` for ${formatRetention(retentionMs)}` : ''}, where it can be recreated in one click.
      </p>
    </Modal>
  );
}
