import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { joinContainerPath, parentContainerPath } from '../../../../contract/domains/container-files.js';
import type { DirListing, FileEntry, UploadDone } from '../../../../contract/models/container-files.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { AlertIcon, RefreshIcon, SearchIcon } from '../../ui/icons.js';
import { Notice } from '../../ui/notice.js';
import { Spinner } from '../../ui/spinner.js';
import { UploadIcon } from './file-icons.js';
import { findContainer } from '../containers/find-container.js';
import { DeleteEntryDialog } from './delete-entry-dialog.js';
import { deleteBlockedText } from './delete-blocked.js';
import { FileTable } from './file-table.js';
import { NewFolderForm } from './new-folder-form.js';
import { PathBar } from './path-bar.js';
import { TransfersPanel } from './transfers-panel.js';
import { sortFileEntries, type SortKey, type SortOrder } from './sort-entries.js';
import { useTransfers } from './use-transfers.js';
import { folderClashMessage, planUploads } from './upload-clashes.js';
import { withUploadedEntry } from './uploaded-entry.js';

type ListState = { phase: 'loading'; listing?: DirListing } | { phase: 'ready'; listing: DirListing } | { phase: 'error'; message: string; listing?: DirListing };

/** Browse one container's filesystem (running or stopped): navigate, download, upload, new folder, delete. */
export function FileBrowser({ id, initialPath = '/' }: { id: string; initialPath?: string }) {
  const api = useApi();
  const [path, setPath] = useState(initialPath);
  const [reload, setReload] = useState(0);
  const [state, setState] = useState<ListState>({ phase: 'loading' });
  const [filter, setFilter] = useState('');
  const [dropping, setDropping] = useState(false);
  const [order, setOrder] = useState<SortOrder>({ key: 'name', dir: 'asc' });
  const onSort = useCallback((key: SortKey) => setOrder((o) => (o.key === key ? { key, dir: o.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'name' ? 'asc' : 'desc' })), []);
  /** Files whose name is already taken in the folder: replaced only if the user says so. */
  const [clashes, setClashes] = useState<{ dir: string; files: File[] } | undefined>();
  /** Files named like a folder already there: never uploaded (the folder and all it holds would go). */
  const [refused, setRefused] = useState<{ dir: string; names: string[] } | undefined>();
  const [newFolder, setNewFolder] = useState(false);
  const [deleting, setDeleting] = useState<FileEntry>();
  const summary = findContainer(useAppStore((s) => s.containers), id);
  const deleteBlocked = summary ? deleteBlockedText(summary.state) : undefined;
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ phase: 'loading', listing: s.listing }));
    api.containers.listDir({ id, path }).then(
      (listing) => mine === seq.current && setState({ phase: 'ready', listing }),
      (err: unknown) => mine === seq.current && setState((s) => ({ phase: 'error', message: err instanceof Error ? err.message : String(err), listing: s.listing })),
    );
  }, [api, id, path, reload]);

  const onUploaded = useCallback((dir: string, name: string, done: UploadDone) => {
    if (dir !== path) return;
    // The row shows from the upload's own result at once; the listing that follows confirms it.
    setState((s) => (s.listing?.path === dir ? { ...s, listing: withUploadedEntry(s.listing, name, done.size, Date.now()) } : s));
    setReload((n) => n + 1);
  }, [path]);
  const { transfers, download, upload, cancel, dismiss } = useTransfers(api, id, onUploaded);

  const navigate = useCallback((next: string) => {
    setFilter('');
    setNewFolder(false);
    setPath(next);
  }, []);
  const open = useCallback((e: FileEntry) => navigate(joinContainerPath(path, e.name)), [navigate, path]);
  const up = useCallback(() => navigate(parentContainerPath(path)), [navigate, path]);
  const downloadEntry = useCallback((e: FileEntry) => download(joinContainerPath(path, e.name), e.name), [download, path]);
  const listing = state.listing?.path === path ? state.listing : undefined;
  const startUploads = (files: File[]) => {
    const plan = planUploads(files, listing?.entries ?? []);
    for (const file of plan.fresh) upload(path, file);
    setClashes(plan.replace.length ? { dir: path, files: plan.replace } : undefined);
    setRefused(plan.refused.length ? { dir: path, names: plan.refused.map((f) => f.name) } : undefined);
  };
  const onPick = (e: ChangeEvent<HTMLInputElement>) => {
    startUploads(Array.from(e.target.files ?? []));
    e.target.value = '';
  };
  const entries = useMemo(() => {
    const all = listing?.entries ?? [];
    const q = filter.trim().toLowerCase();
    return sortFileEntries(q ? all.filter((e) => e.name.toLowerCase().includes(q)) : all, order);
  }, [listing, filter, order]);

  return (
    <div className="fbrowser">
      <div className="fbrowser__bar">
        <PathBar path={path} onNavigate={navigate} />
        <div className="fbrowser__actions">
          <div className="search fbrowser__filter">
            <SearchIcon className="search__icon" width={15} height={15} />
            <input className="search__input" type="search" placeholder="Filter this folder" aria-label="Filter files" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </div>
          <button type="button" className="btn" onClick={() => setReload((n) => n + 1)} aria-label="Refresh files" title="Refresh">
            <RefreshIcon width={15} height={15} />
          </button>
          <button type="button" className="btn" onClick={() => setNewFolder(true)} disabled={!listing}>
            New folder
          </button>
          <label className="btn fbrowser__upload">
            <UploadIcon />
            Upload
            <input type="file" multiple className="visually-hidden" aria-label="Upload file" onChange={onPick} />
          </label>
        </div>
      </div>
      {newFolder && listing ? (
        <NewFolderForm
          dir={path}
          taken={listing.entries.map((e) => e.name)}
          create={(folder) => api.containers.mkdir({ id, path, folder })}
          onDone={() => (setNewFolder(false), setReload((n) => n + 1))}
          onCancel={() => setNewFolder(false)}
        />
      ) : null}
      {clashes ? (
        <div className="banner banner--info fbrowser__clash" role="group" aria-label="Replace existing files?">
          <div className="banner__body">
            <p className="banner__title">
              {clashes.files.length === 1 ? `${clashes.files[0]!.name} already exists` : `${clashes.files.length} files already exist`} in {clashes.dir}. Replace{' '}
              {clashes.files.length === 1 ? 'it' : 'them'}?
            </p>
          </div>
          <button
            type="button"
            className="btn"
            onClick={() => {
              for (const file of clashes.files) upload(clashes.dir, file);
              setClashes(undefined);
            }}
          >
            Replace
          </button>
          <button type="button" className="btn" onClick={() => setClashes(undefined)}>
            Keep the existing {clashes.files.length === 1 ? 'file' : 'files'}
          </button>
        </div>
      ) : null}
      {refused ? (
        <div className="banner banner--error fbrowser__clash" role="alert" aria-label="Not uploaded">
          <AlertIcon className="banner__icon" />
          <div className="banner__body">
            {refused.names.map((name) => (
              <p key={name} className="banner__title">
                {folderClashMessage(refused.dir, name)}
              </p>
            ))}
          </div>
          <button type="button" className="btn" onClick={() => setRefused(undefined)}>
            Dismiss
          </button>
        </div>
      ) : null}
      <TransfersPanel transfers={transfers} onCancel={cancel} onDismiss={dismiss} />
      {state.phase === 'error' ? (
        <div className="banner banner--error fbrowser__error" role="alert">
          <AlertIcon className="banner__icon" />
          <div className="banner__body">
            <p className="banner__title">{state.message}</p>
            {path !== '/' ? (
              <button type="button" className="btn btn--small" onClick={() => navigate(parentContainerPath(path))}>
                Go to the parent folder
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      {listing?.truncated ? (
        <p className="inline-warning" role="status">
          This folder is very large: only the first {listing.entries.length.toLocaleString()} entries are shown.
        </p>
      ) : null}
      <div
        className={`fbrowser__table${dropping ? ' fbrowser__table--drop' : ''}`}
        aria-busy={state.phase === 'loading'}
        onDragOver={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDropping(true);
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setDropping(false);
          startUploads(Array.from(e.dataTransfer.files));
        }}
      >
        {dropping ? <p className="fbrowser__dropnote">Drop to upload into {path}</p> : null}
        {listing ? (
          <>
            <FileTable
              entries={entries}
              order={order}
              onSort={onSort}
              showParent={path !== '/'}
              onOpen={open}
              onUp={up}
              onDownload={downloadEntry}
              onDelete={setDeleting}
              deleteBlocked={deleteBlocked}
            />
            {entries.length === 0 ? <p className="fbrowser__empty muted">{filter ? 'No entry matches the filter.' : 'This folder is empty.'}</p> : null}
            <p className="fbrowser__count muted" aria-live="polite">
              {state.phase === 'loading' ? <Spinner /> : null} {listing.entries.length.toLocaleString()} {listing.entries.length === 1 ? 'entry' : 'entries'}
              {listing.resolvedPath !== listing.path ? ` · link to ${listing.resolvedPath}` : ''}
              {deleteBlocked ? ` · ${deleteBlocked}` : ''}
            </p>
          </>
        ) : state.phase === 'loading' ? (
          <Notice title={`Reading ${path}…`} busy role="status" />
        ) : null}
      </div>
      {deleting ? (
        <DeleteEntryDialog
          path={joinContainerPath(path, deleting.name)}
          kind={deleting.kind}
          from={`the container ${summary?.name ?? id}`}
          remove={() => api.containers.deletePath({ id, path: joinContainerPath(path, deleting.name) })}
          onDone={() => (setDeleting(undefined), setReload((n) => n + 1))}
          onClose={() => setDeleting(undefined)}
        />
      ) : null}
    </div>
  );
}
