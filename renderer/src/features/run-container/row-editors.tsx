import type { ClipboardEvent } from 'react';
import { containerPortPatch, emptyMount, emptyPort, emptyTmpfs, emptyVolume, publishSpecPatch, type FieldErrors, type MountRow, type PortRow, type RunDraft, type TmpfsRow, type VolumeRow } from './draft.js';
import { FieldError, fieldAria } from './field.js';
import { useVolumeNames } from '../volumes/use-volume-names.js';

interface EditorProps {
  draft: RunDraft;
  errors: FieldErrors;
  disabled: boolean;
  update(change: (d: RunDraft) => RunDraft): void;
  touch(field: string): void;
}

const replaceRow = <T extends { key: number }>(rows: T[], key: number, patch: Partial<T>) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r));

/** Published ports: host IP (optional), host port (empty = random), container port, protocol. */
export function PortsEditor({ draft, errors, disabled, update, touch }: EditorProps) {
  const set = (key: number, patch: Partial<PortRow>, field: string) => {
    update((d) => ({ ...d, ports: replaceRow(d.ports, key, patch) }));
    touch(`ports.${key}.${field}`);
  };
  // A whole `-p` value ("8080:80/udp", "127.0.0.1:8080:80") pasted into a port field, or typed there
  // and left, fills the row's fields (splitting while typing would cut "8080:8" short).
  const pasteSpec = (p: PortRow, field: 'hostPort' | 'containerPort') => (e: ClipboardEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const value = input.value.slice(0, input.selectionStart ?? input.value.length) + e.clipboardData.getData('text') + input.value.slice(input.selectionEnd ?? input.value.length);
    const patch = publishSpecPatch(value);
    if (!patch) return;
    e.preventDefault();
    set(p.key, patch, field);
  };
  const leaveSpec = (p: PortRow, field: 'hostPort' | 'containerPort') => () => {
    const patch = publishSpecPatch(p[field]);
    if (patch) set(p.key, patch, field);
  };
  return (
    <fieldset className="run-rows" disabled={disabled}>
      <legend className="run-rows__legend">Ports</legend>
      {draft.ports.length === 0 ? <p className="run-rows__empty">No published ports.</p> : null}
      {draft.ports.map((p, i) => {
        const n = i + 1;
        const id = (f: string) => `run-ports-${p.key}-${f}`;
        const err = (f: string) => errors[`ports.${p.key}.${f}`];
        return (
          <div className="run-row" key={p.key} role="group" aria-label={`Port ${n}`}>
            <input className="input run-row__ip" placeholder="0.0.0.0" aria-label={`Host IP, port ${n}`} {...fieldAria(id('hostIp'), err('hostIp'))} value={p.hostIp} onChange={(e) => set(p.key, { hostIp: e.target.value }, 'hostIp')} />
            <span className="run-row__sep" aria-hidden="true">:</span>
            <input className="input run-row__port" placeholder="random" inputMode="numeric" aria-label={`Host port, port ${n}`} {...fieldAria(id('hostPort'), err('hostPort'))} value={p.hostPort} onChange={(e) => set(p.key, { hostPort: e.target.value }, 'hostPort')} onPaste={pasteSpec(p, 'hostPort')} onBlur={leaveSpec(p, 'hostPort')} />
            <span className="run-row__sep" aria-hidden="true">→</span>
            <input className="input run-row__port" placeholder="80" inputMode="numeric" aria-label={`Container port, port ${n}`} {...fieldAria(id('containerPort'), err('containerPort'))} value={p.containerPort} onChange={(e) => set(p.key, containerPortPatch(e.target.value), 'containerPort')} onPaste={pasteSpec(p, 'containerPort')} onBlur={leaveSpec(p, 'containerPort')} />
            <select className="input run-row__proto" aria-label={`Protocol, port ${n}`} value={p.protocol} onChange={(e) => set(p.key, { protocol: e.target.value as PortRow['protocol'] }, 'protocol')}>
              <option value="tcp">tcp</option>
              <option value="udp">udp</option>
              <option value="sctp">sctp</option>
            </select>
            <button type="button" className="btn btn--ghost run-row__remove" aria-label={`Remove port ${n}`} onClick={() => update((d) => ({ ...d, ports: d.ports.filter((r) => r.key !== p.key) }))}>
              ✕
            </button>
            <div className="run-row__errors">
              {(['hostIp', 'hostPort', 'containerPort'] as const).map((f) => (
                <FieldError key={f} id={id(f)} error={err(f)} />
              ))}
            </div>
          </div>
        );
      })}
      <button type="button" className="btn run-rows__add" onClick={() => update((d) => ({ ...d, ports: [...d.ports, emptyPort(d.nextKey)], nextKey: d.nextKey + 1 }))}>
        Add port
      </button>
    </fieldset>
  );
}

/** Bind mounts: a host path into the container, optionally read-only. */
export function MountsEditor({ draft, errors, disabled, update, touch }: EditorProps) {
  const set = (key: number, patch: Partial<MountRow>, field: string) => {
    update((d) => ({ ...d, mounts: replaceRow(d.mounts, key, patch) }));
    touch(`mounts.${key}.${field}`);
  };
  return (
    <fieldset className="run-rows" disabled={disabled}>
      <legend className="run-rows__legend">Mounts</legend>
      {draft.mounts.length === 0 ? <p className="run-rows__empty">No bind mounts.</p> : null}
      {draft.mounts.map((m, i) => {
        const n = i + 1;
        const id = (f: string) => `run-mounts-${m.key}-${f}`;
        const err = (f: string) => errors[`mounts.${m.key}.${f}`];
        return (
          <div className="run-row" key={m.key} role="group" aria-label={`Mount ${n}`}>
            <input className="input run-row__path" placeholder="/path/on/host" aria-label={`Host path, mount ${n}`} {...fieldAria(id('source'), err('source'))} value={m.source} onChange={(e) => set(m.key, { source: e.target.value }, 'source')} />
            <span className="run-row__sep" aria-hidden="true">→</span>
            <input className="input run-row__path" placeholder="/path/in/container" aria-label={`Container path, mount ${n}`} {...fieldAria(id('target'), err('target'))} value={m.target} onChange={(e) => set(m.key, { target: e.target.value }, 'target')} />
            <label className="run-row__check">
              <input type="checkbox" checked={m.readOnly} onChange={(e) => set(m.key, { readOnly: e.target.checked }, 'readOnly')} /> Read-only
            </label>
            <button type="button" className="btn btn--ghost run-row__remove" aria-label={`Remove mount ${n}`} onClick={() => update((d) => ({ ...d, mounts: d.mounts.filter((r) => r.key !== m.key) }))}>
              ✕
            </button>
            <div className="run-row__errors">
              <FieldError id={id('source')} error={err('source')} />
              <FieldError id={id('target')} error={err('target')} />
            </div>
          </div>
        );
      })}
      <button type="button" className="btn run-rows__add" onClick={() => update((d) => ({ ...d, mounts: [...d.mounts, emptyMount(d.nextKey)], nextKey: d.nextKey + 1 }))}>
        Add mount
      </button>
    </fieldset>
  );
}

/** Named volumes (created when missing). */
export function VolumesEditor({ draft, errors, disabled, update, touch }: EditorProps) {
  // The volumes that exist, live, offered as the name field's choices (a new name still creates one).
  const names = useVolumeNames(draft.volumes.length > 0);
  const set = (key: number, patch: Partial<VolumeRow>, field: string) => {
    update((d) => ({ ...d, volumes: replaceRow(d.volumes, key, patch) }));
    touch(`volumes.${key}.${field}`);
  };
  return (
    <fieldset className="run-rows" disabled={disabled}>
      <legend className="run-rows__legend">Volumes</legend>
      {draft.volumes.length === 0 ? <p className="run-rows__empty">No named volumes. A missing volume is created.</p> : null}
      <datalist id="run-volume-names">
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      {draft.volumes.map((v, i) => {
        const n = i + 1;
        const id = (f: string) => `run-volumes-${v.key}-${f}`;
        const err = (f: string) => errors[`volumes.${v.key}.${f}`];
        return (
          <div className="run-row" key={v.key} role="group" aria-label={`Volume ${n}`}>
            <input className="input run-row__path" placeholder="volume-name" list="run-volume-names" aria-label={`Volume name, volume ${n}`} {...fieldAria(id('name'), err('name'))} value={v.name} onChange={(e) => set(v.key, { name: e.target.value }, 'name')} />
            <span className="run-row__sep" aria-hidden="true">→</span>
            <input className="input run-row__path" placeholder="/path/in/container" aria-label={`Container path, volume ${n}`} {...fieldAria(id('target'), err('target'))} value={v.target} onChange={(e) => set(v.key, { target: e.target.value }, 'target')} />
            <label className="run-row__check">
              <input type="checkbox" checked={v.readOnly} onChange={(e) => set(v.key, { readOnly: e.target.checked }, 'readOnly')} /> Read-only
            </label>
            <button type="button" className="btn btn--ghost run-row__remove" aria-label={`Remove volume ${n}`} onClick={() => update((d) => ({ ...d, volumes: d.volumes.filter((r) => r.key !== v.key) }))}>
              ✕
            </button>
            <div className="run-row__errors">
              <FieldError id={id('name')} error={err('name')} />
              <FieldError id={id('target')} error={err('target')} />
            </div>
          </div>
        );
      })}
      <button type="button" className="btn run-rows__add" onClick={() => update((d) => ({ ...d, volumes: [...d.volumes, emptyVolume(d.nextKey)], nextKey: d.nextKey + 1 }))}>
        Add volume
      </button>
    </fieldset>
  );
}

/** Tmpfs mounts: a path in the container kept in memory (gone when the container stops), with an optional size cap. */
export function TmpfsEditor({ draft, errors, disabled, update, touch }: EditorProps) {
  const set = (key: number, patch: Partial<TmpfsRow>, field: string) => {
    update((d) => ({ ...d, tmpfs: replaceRow(d.tmpfs, key, patch) }));
    touch(`tmpfs.${key}.${field}`);
  };
  return (
    <fieldset className="run-rows" disabled={disabled}>
      <legend className="run-rows__legend">Tmpfs</legend>
      {draft.tmpfs.length === 0 ? <p className="run-rows__empty">No tmpfs mounts. A tmpfs lives in memory and is emptied when the container stops.</p> : null}
      {draft.tmpfs.map((t, i) => {
        const n = i + 1;
        const id = (f: string) => `run-tmpfs-${t.key}-${f}`;
        const err = (f: string) => errors[`tmpfs.${t.key}.${f}`];
        return (
          <div className="run-row" key={t.key} role="group" aria-label={`Tmpfs ${n}`}>
            <input className="input run-row__path" placeholder="/path/in/container" aria-label={`Container path, tmpfs ${n}`} {...fieldAria(id('target'), err('target'))} value={t.target} onChange={(e) => set(t.key, { target: e.target.value }, 'target')} />
            <input className="input run-row__port" placeholder="size, e.g. 64m" aria-label={`Size, tmpfs ${n}`} {...fieldAria(id('size'), err('size'))} value={t.size} onChange={(e) => set(t.key, { size: e.target.value }, 'size')} />
            <button type="button" className="btn btn--ghost run-row__remove" aria-label={`Remove tmpfs ${n}`} onClick={() => update((d) => ({ ...d, tmpfs: d.tmpfs.filter((r) => r.key !== t.key) }))}>
              ✕
            </button>
            <div className="run-row__errors">
              <FieldError id={id('target')} error={err('target')} />
              <FieldError id={id('size')} error={err('size')} />
            </div>
          </div>
        );
      })}
      <button type="button" className="btn run-rows__add" onClick={() => update((d) => ({ ...d, tmpfs: [...d.tmpfs, emptyTmpfs(d.nextKey)], nextKey: d.nextKey + 1 }))}>
        Add tmpfs
      </button>
    </fieldset>
  );
}
