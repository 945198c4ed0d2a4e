import { useEffect, useState } from 'react';
import type { BerthError } from '../../../../contract/errors.js';
import type { VolumeRemovePlan, VolumeUser } from '../../../../contract/models/volumes.js';
import { useApi } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { Modal } from '../../ui/modal.js';
import { Spinner } from '../../ui/spinner.js';
import { useAction } from '../../ui/use-action.js';
import { messageOf } from '../../lib/error-message.js';

const isNotFound = (err: unknown) => (err as { code?: unknown } | undefined)?.code === 'NOT_FOUND';

const sizeText = (b: number | null) => (b === null ? 'an unknown amount of data' : formatBytes(b));

/** Who uses a volume, as a key that changes when a user comes, goes, starts or stops. */
const usersKey = (users: readonly VolumeUser[] | undefined) => (users ? users.map((u) => `${u.id}:${u.running ? 'running' : 'stopped'}`).sort().join(' ') : 'unknown');

interface RemoveVolumeDialogProps {
  name: string;
  /** Who uses the volume now, from the live list: when that changes the plan is asked for again, so the dialog follows containers removed, created, started or stopped while it is open. */
  users?: readonly VolumeUser[];
  onClose(): void;
  onRemoved?(): void;
}

/**
 * Remove a volume: names the containers that block it; otherwise says whether a copy of its content is
 * kept in Recently removed (under the size limit) or that it cannot be restored (over it).
 */
export function RemoveVolumeDialog({ name, users, onClose, onRemoved }: RemoveVolumeDialogProps) {
  const api = useApi();
  const [plan, setPlan] = useState<VolumeRemovePlan>();
  const { busy, error, setError, run } = useAction();
  const [tooLarge, setTooLarge] = useState(false);
  /** The volume went while the dialog was open (`docker volume rm`, another window): nothing is left to remove. */
  const [gone, setGone] = useState(false);
  const who = usersKey(users);

  // Asked again whenever the volume's users change (`who`); the last plan stays on screen meanwhile.
  useEffect(() => {
    let live = true;
    api.volumes.removePlan({ name }).then(
      (p) => {
        if (!live) return;
        setPlan(p);
        setError(undefined);
      },
      (err: unknown) => {
        if (!live) return;
        if (isNotFound(err)) setGone(true);
        else setError(messageOf(err));
      },
    );
    return () => {
      live = false;
    };
  }, [api, name, who]);

  const keep = !!plan?.fits && !tooLarge;
  const remove = () =>
    run(
      async () => {
        await api.volumes.remove({ name, keep });
        onRemoved?.();
        onClose();
      },
      (err) => {
        if (isNotFound(err)) {
          setGone(true);
          return undefined;
        }
        // It grew past the limit since it was measured: ask again, saying that no copy can be kept.
        if (((err as BerthError).details as { reason?: string } | undefined)?.reason !== 'too-large') return messageOf(err);
        setTooLarge(true);
        return undefined;
      },
    );

  const blocked = !!plan?.usedBy.length;
  return (
    <Modal
      title={`Remove volume ${name}?`}
      onClose={onClose}
      busy={busy}
      error={error}
      tone="danger"
      role="alertdialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {gone ? 'Close' : 'Cancel'}
          </button>
          {gone ? null : (
            <button type="button" className="btn btn--danger" disabled={!plan || blocked || busy} onClick={() => void remove()}>
              {busy ? (keep ? 'Keeping a copy…' : 'Removing…') : keep || !plan ? 'Remove' : 'Remove for good'}
            </button>
          )}
        </>
      }
    >
      {gone ? (
        <p role="status">Volume {name} no longer exists: it was removed outside this dialog. There is nothing left to remove.</p>
      ) : null}
      {!plan && !error && !gone ? <Spinner /> : null}
      {plan && blocked && !gone ? (
        <p role="alert">
          {name} is used by{' '}
          {plan.usedBy.map((u, i) => (
            <span key={u.id}>
              {i ? ', ' : ''}
              <a href={`#/containers/${encodeURIComponent(u.id)}`}>{u.name}</a> ({u.running ? 'running' : 'stopped'})
            </span>
          ))}
          . The engine removes a volume only when no container uses it: remove {plan.usedBy.length > 1 ? 'those containers' : 'that container'} first.
        </p>
      ) : null}
      {plan && !blocked && !gone ? (
        keep ? (
          <p className="vol-keep" role="status">
            {name} holds {sizeText(plan.bytes)}. A copy of its content is kept in Recently removed, where it can be restored with its name, labels and data.
          </p>
        ) : (
          <p className="vol-forever" role="status">
            {name} holds {sizeText(plan.bytes)}
            {plan.limitBytes > 0 ? `, more than the ${formatBytes(plan.limitBytes)} the recycle bin keeps` : ' and the recycle bin keeps no volumes'}. It cannot be restored once removed: its data is deleted for good.
          </p>
        )
      ) : null}
    </Modal>
  );
}
