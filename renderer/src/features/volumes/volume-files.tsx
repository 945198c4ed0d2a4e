import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { joinContainerPath, parentContainerPath } from '../../../../contract/domains/container-files.js';
import type { FileEntry } from '../../../../contract/models/container-files.js';
import { useApi } from '../../app/runtime-context.js';
import { RefreshIcon } from '../../ui/icons.js';
import { Notice } from '../../ui/notice.js';
import { DeleteEntryDialog } from '../files/delete-entry-dialog.js';
import { saveBlob } from '../files/download-transfer.js';
import { FileTable } from '../files/file-table.js';
import { NewFolderForm } from '../files/new-folder-form.js';
import { PathBar } from '../files/path-bar.js';
import { TruncatedNote } from '../files/truncated-note.js';
import { askAlso, folderClashMessage, planUploads } from '../files/upload-clashes.js';
import { UploadQuestions, type FileClashes } from '../files/upload-questions.js';
import { nextSortOrder, sortFileEntries, type SortKey, type SortOrder } from '../files/sort-entries.js';
import { useDirListing } from '../files/use-dir-listing.js';
import { JobProgress } from './job-progress.js';
import { messageOf } from '../../lib/error-message.js';
import { progressThrottle } from '../../lib/progress-throttle.js';
import { receiveBlob, sendBlob, type Running } from './volume-transfer.js';
// The browser's own styles (path bar, file table), loaded with this page even when the container Files tab never was.
import '../files/files.css';
import '../files/files-transfers.css';

interface Transfer {
  id: number;
  label: string;
  bytes: number;
  total: number | null;
  state: 'running' | 'done' | 'error';
  message?: string;
  run: Running<unknown>;
}

/**
 * Browse a volume's files (used by a container or not): folders, sizes, modes; download a file or a
 * folder, upload, new folder, delete. Each operation runs in a short-lived helper on the back end.
 */
export function VolumeFiles({ name }: { name: string }) {
  const api = useApi();
  const [path, setPath] = useState('/');
  const { state, listing, refresh } = useDirListing(
    useCallback((p: string) => api.volumes.listDir({ name, path: p }), [api, name]),
    path,
  );
  const [order, setOrder] = useState<SortOrder>({ key: 'name', dir: 'asc' });
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const [newFolder, setNewFolder] = useState(false);
  const [deleting, setDeleting] = useState<FileEntry>();
  const [actionError, setActionError] = useState<string>();
  /** Files whose name is already taken in their folder, waiting for the user's word; uploads refused (a file named like a folder). */
  const [clashes, setClashes] = useState<FileClashes[]>([]);
  const [refused, setRefused] = useState<string[]>();
  const ids = useRef(0);
  const refocusTable = useRef(false);
  // Progress still waiting to be shown is dropped when the tab goes (the transfers themselves run on).
  const throttles = useRef(new Set<{ cancel(): void }>());
  useEffect(() => {
    const pending = throttles.current;
    return () => {
      for (const t of pending) t.cancel();
      pending.clear();
    };
  }, []);

  const track = (label: string, total: number | null, start: (progress: (bytes: number) => void) => Running<unknown>, onDone?: () => void) => {
    const id = ++ids.current;
    const update = (patch: Partial<Transfer>) => setTransfers((all) => all.map((t) => (t.id === id ? { ...t, ...patch } : t)));
    const shown = progressThrottle((bytes: number) => update({ bytes }));
    throttles.current.add(shown);
    const settled = () => {
      shown.cancel();
      throttles.current.delete(shown);
    };
    const run = start((bytes) => shown.push(bytes));
    setTransfers((all) => [...all.filter((t) => t.state === 'running'), { id, label, bytes: 0, total, state: 'running', run }]);
    run.done.then(
      () => {
        settled();
        update({ state: 'done' });
        onDone?.();
      },
      (err: unknown) => {
        settled();
        update({ state: 'error', message: messageOf(err) });
      },
    );
  };

  const download = (e: FileEntry) => {
    const target = joinContainerPath(path, e.name);
    track(`Downloading ${e.name}`, e.kind === 'file' ? e.size : null, (progress) => {
      const run = receiveBlob((h) => api.volumes.download({ name, path: target }, h), progress);
      void run.done.then(({ blob, head }) => saveBlob(blob, head.fileName), () => undefined);
      return run;
    });
  };
  const upload = (dir: string, file: File) =>
    track(`Uploading ${file.name}`, file.size, (progress) => sendBlob((h) => api.volumes.upload({ name, path: dir, fileName: file.name, size: file.size }, h), file, progress), refresh);
  // As in a container's Files tab: a file of a name already there is replaced only if the user says so, and never a folder (all it holds would go).
  const onPick = (ev: ChangeEvent<HTMLInputElement>) => {
    const plan = planUploads(Array.from(ev.target.files ?? []), listing?.entries ?? []);
    for (const file of plan.fresh) upload(path, file);
    setClashes((q) => askAlso(q, 'files', path, plan.replace, (f) => f.name));
    if (plan.refused.length) setRefused((r) => [...new Set([...(r ?? []), ...plan.refused.map((f) => folderClashMessage(path, f.name))])]);
    ev.target.value = '';
  };
  const onReplace = (c: FileClashes, yes: boolean) => {
    setClashes((q) => q.filter((x) => x !== c));
    if (yes) for (const file of c.files) upload(c.dir, file);
  };
  const entries = useMemo(() => sortFileEntries(listing?.entries ?? [], order), [listing, order]);
  const onSort = useCallback((key: SortKey) => setOrder((o) => nextSortOrder(o, key)), []);
  const navigate = useCallback((p: string) => {
    setActionError(undefined);
    setPath(p);
  }, []);

  return (
    <section className="fbrowser vol-files" aria-label={`Files of ${name}`}>
      <div className="fbrowser__bar">
        <PathBar path={path} onNavigate={navigate} />
        <div className="fbrowser__actions">
          <button type="button" className="btn" onClick={refresh} aria-label="Refresh files" title="Refresh">
            <RefreshIcon width={15} height={15} />
          </button>
          <button type="button" className="btn" onClick={() => setNewFolder(true)}>
            New folder
          </button>
          <label className="btn fbrowser__upload">
            Upload
            <input type="file" multiple className="visually-hidden" aria-label="Upload file" onChange={onPick} />
          </label>
        </div>
      </div>
      {newFolder ? (
        <NewFolderForm
          key={path}
          dir={path}
          taken={listing?.entries.map((e) => e.name) ?? []}
          create={(folder) => api.volumes.mkdir({ name, path, folder })}
          onDone={() => (setNewFolder(false), refresh())}
          onCancel={() => setNewFolder(false)}
        />
      ) : null}
      {transfers.length ? (
        <ul className="vol-transfers" aria-label="Transfers">
          {transfers.map((t) => (
            <li key={t.id}>
              {t.state === 'running' ? <JobProgress label={t.label} bytes={t.bytes} total={t.total} /> : <span role="status">{t.state === 'done' ? `${t.label.replace(/ing /, 'ed ')}: done` : `${t.label} failed: ${t.message}`}</span>}
              {t.state === 'running' ? (
                <button type="button" className="btn btn--small" onClick={() => t.run.cancel()}>
                  Cancel
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <UploadQuestions clashes={clashes} merges={[]} refused={refused} onReplace={onReplace} onMerge={() => undefined} onDismissRefused={() => setRefused(undefined)} />
      {state.phase === 'error' ? (
        <p className="vol-error" role="alert">
          {state.message}
        </p>
      ) : null}
      {actionError ? (
        <p className="vol-error" role="alert">
          {actionError}
        </p>
      ) : null}
      <TruncatedNote listing={listing} />
      <div className="fbrowser__table" aria-busy={state.phase === 'loading'}>
        {listing ? (
          <>
            <FileTable folder={listing.path} refocus={refocusTable} entries={entries} order={order} onSort={onSort} showParent={path !== '/'} onOpen={(e) => navigate(joinContainerPath(path, e.name))} onUp={() => navigate(parentContainerPath(path))} onDownload={download} onDelete={setDeleting} />
            {entries.length === 0 ? <p className="fbrowser__empty muted">This folder is empty.</p> : null}
          </>
        ) : state.phase === 'loading' ? (
          <Notice title={`Reading ${path}…`} busy role="status" />
        ) : null}
      </div>
      {deleting ? (
        <DeleteEntryDialog
          dir={path}
          entry={deleting}
          from={name}
          remove={(target) => api.volumes.deletePath({ name, path: target })}
          onDone={() => (setDeleting(undefined), refresh())}
          onClose={() => setDeleting(undefined)}
        />
      ) : null}
    </section>
  );
}
