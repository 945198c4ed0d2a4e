import { useState } from 'react';
import { formatAbsoluteTime } from '../../lib/format/relative-time.js';
import { Notice } from '../../ui/notice.js';
import { RemoveVolumeDialog } from './remove-volume-dialog.js';
import { useLiveVolumes, useVolumeSizes } from './use-volumes.js';
import { VolumeFiles } from './volume-files.js';
import { CloneDialog, EmptyDialog, ExportDialog, ImportDialog } from './volume-job-dialogs.js';
import { SizeText } from './volumes-table.js';
import './volumes.css';

type Dialog = 'export' | 'import' | 'clone' | 'empty' | 'remove' | null;

/**
 * One volume: what it is, who uses it (links), its files, and export/import/clone/empty/remove.
 * Keyed by the name: going to another volume's page (command palette, Back) starts afresh, rather than
 * keeping the folder shown, its listing and any open dialog of the volume before.
 */
export function VolumeDetailsPage({ name }: { name: string }) {
  return <VolumeDetails key={name} name={name} />;
}

function VolumeDetails({ name }: { name: string }) {
  const live = useLiveVolumes();
  const { sizes, measure } = useVolumeSizes();
  const [dialog, setDialog] = useState<Dialog>(null);
  const v = live.volumes.get(name);

  if (live.phase !== 'live' && !v) {
    return (
      <div className="page page--center">
        <Notice title={`Loading volume ${name}…`} busy role="status" />
      </div>
    );
  }
  if (!v) {
    return (
      <div className="page page--center">
        <Notice title={`No volume named ${name}.`}>
          <p>
            It may have been removed: see <a href="#/containers/recently-removed">Recently removed</a>, or go back to <a href="#/volumes">Volumes</a>.
          </p>
        </Notice>
      </div>
    );
  }
  const labels = Object.entries(v.labels);
  const options = Object.entries(v.options);
  return (
    <div className="page vol-details">
      <nav className="vol-crumbs" aria-label="Breadcrumb">
        <a href="#/volumes">Volumes</a> / <span className="mono">{v.name}</span>
      </nav>
      <div className="vol-details__head">
        <h2 className="vol-details__title">{v.name}</h2>
        {v.anonymous ? <span className="vol-badge">anonymous</span> : null}
        <span className="toolbar__spacer" />
        <button type="button" className="btn" onClick={() => setDialog('export')}>
          Export
        </button>
        <button type="button" className="btn" onClick={() => setDialog('import')}>
          Import into
        </button>
        <button type="button" className="btn" onClick={() => setDialog('clone')}>
          Clone
        </button>
        <button type="button" className="btn btn--danger-text" onClick={() => setDialog('empty')}>
          Empty
        </button>
        <button type="button" className="btn btn--danger-text" onClick={() => setDialog('remove')}>
          Remove
        </button>
      </div>
      <dl className="vol-facts">
        <dt>Driver</dt>
        <dd>{v.driver}</dd>
        <dt>Size</dt>
        <dd>
          <SizeText size={sizes.sizes[v.name]} />{' '}
          <button type="button" className="btn btn--small" onClick={measure} disabled={sizes.measuring}>
            {sizes.measuring ? 'Measuring…' : 'Measure'}
          </button>
        </dd>
        <dt>Mountpoint</dt>
        <dd className="mono">{v.mountpoint}</dd>
        <dt>Created</dt>
        <dd>{v.createdAt ? formatAbsoluteTime(v.createdAt) : '—'}</dd>
        <dt>Used by</dt>
        <dd>
          {v.usedBy.length
            ? v.usedBy.map((u, i) => (
                <span key={u.id}>
                  {i ? ', ' : ''}
                  <a href={`#/containers/${encodeURIComponent(u.id)}`}>{u.name}</a> <span className="muted">({u.running ? 'running' : 'stopped'})</span>
                </span>
              ))
            : 'no container'}
        </dd>
        <dt>Labels</dt>
        <dd>{labels.length ? labels.map(([k, x]) => <code key={k} className="vol-chip">{`${k}=${x}`}</code>) : '—'}</dd>
        {options.length ? (
          <>
            <dt>Driver options</dt>
            <dd>
              {options.map(([k, x]) => (
                <code key={k} className="vol-chip">{`${k}=${x}`}</code>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      <VolumeFiles name={v.name} />
      {dialog === 'export' ? <ExportDialog name={v.name} onClose={() => setDialog(null)} /> : null}
      {dialog === 'import' ? <ImportDialog into={v.name} onClose={() => setDialog(null)} /> : null}
      {dialog === 'clone' ? <CloneDialog source={v.name} onClose={() => setDialog(null)} /> : null}
      {dialog === 'empty' ? <EmptyDialog name={v.name} onClose={() => setDialog(null)} /> : null}
      {dialog === 'remove' ? <RemoveVolumeDialog name={v.name} users={v.usedBy} onClose={() => setDialog(null)} onRemoved={() => (location.hash = '#/volumes')} /> : null}
    </div>
  );
}
