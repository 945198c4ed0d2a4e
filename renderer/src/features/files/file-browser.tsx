import { useCallback, useMemo, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { joinContainerPath, parentContainerPath } from '../../../../contract/domains/container-files.js';
import type { FileEntry, UploadDone } from '../../../../contract/models/container-files.js';
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
import { TruncatedNote } from './truncated-note.js';
import { nextSortOrder, sortFileEntries, type SortKey, type SortOrder } from './sort-entries.js';
import { useDirListing } from './use-dir-listing.js';
import { useTransfers } from './use-transfers.js';
import { askAlso, folderClashMessage, planUploads } from './upload-clashes.js';
import { eachLimited, fileClashMessage, folderUploadMeets, folderUploads, makeEmptyFolders, readDropped, type DroppedEntry, type FolderUpload } from './folder-upload.js';
import { UploadQuestions, type FileClashes, type FolderMerges } from './upload-questions.js';
import { withUploadedEntry } from './uploaded-entry.js';
import { messageOf } from '../../lib/error-message.js';

/** Files of a folder upload sent at once (the rest wait their turn). */
const FOLDER_UPLOADS_AT_ONCE = 3;

/** Browse one container's filesystem (running or stopped): navigate, download, upload, new folder, delete. */
export function FileBrowser({ id, initialPath = '/' }: { id: string; initialPath?: string }) {
  const api = useApi();
  const [path, setPath] = useState(initialPath);
  const { state, listing, refresh, setState } = useDirListing(
    useCallback((p: string) => api.containers.listDir({ id, path: p }), [api, id]),
    path,
  );
  const [filter, setFilter] = useState('');
  const [dropping, setDropping] = useState(false);
  const [order, setOrder] = useState<SortOrder>({ key: 'name', dir: 'asc' });
  const onSort = useCallback((key: SortKey) => setOrder((o) => nextSortOrder(o, key)), []);
  /** Files whose name is already taken in their folder: replaced only if the user says so. */
  const [clashes, setClashes] = useState<FileClashes[]>([]);
  /** Folders being uploaded that are already there: uploaded into only if the user says so. */
  const [merges, setMerges] = useState<FolderMerges[]>([]);
  /** Uploads never started: a file named like a folder there (the folder and all it holds would go), or the other way round. */
  const [refused, setRefused] = useState<string[] | undefined>();
  /** Add refusals to those shown: a later upload never hides one the user has not dismissed. */
  const refuse = useCallback((...messages: string[]) => {
    if (messages.length) setRefused((r) => [...new Set([...(r ?? []), ...messages])]);
  }, []);
  const [newFolder, setNewFolder] = useState(false);
  const [deleting, setDeleting] = useState<FileEntry>();
  const refocusTable = useRef(false);
  const summary = findContainer(useAppStore((s) => s.containers), id);
  const deleteBlocked = summary ? deleteBlockedText(summary.state) : undefined;

  const onUploaded = useCallback((dir: string, name: string, done: UploadDone, folder?: string) => {
    // A folder upload lists the folder again once all its files are in (sendFolders).
    if (dir !== path || folder) return;
    // The row shows from the upload's own result at once; the listing that follows confirms it.
    setState((s) => (s.listing?.path === dir ? { ...s, listing: withUploadedEntry(s.listing, name, done.size, Date.now()) } : s));
    refresh();
  }, [path, setState, refresh]);
  const { transfers, download, upload, cancel, dismiss, clearFinished } = useTransfers(api, id, onUploaded);

  const navigate = useCallback((next: string) => {
    setFilter('');
    setNewFolder(false);
    setPath(next);
  }, []);
  /** A file's folder, filtered to the file's name. */
  const showInFolder = (file: string) => {
    navigate(parentContainerPath(file));
    setFilter(baseName(file));
  };
  const open = useCallback((e: FileEntry) => navigate(joinContainerPath(path, e.name)), [navigate, path]);
  const up = useCallback(() => navigate(parentContainerPath(path)), [navigate, path]);
  const downloadEntry = useCallback((e: FileEntry) => download(joinContainerPath(path, e.name), e.name), [download, path]);
  const startUploads = (files: File[], folders: FolderUpload<File>[] = []) => {
    const plan = planUploads(files, listing?.entries ?? []);
    for (const file of plan.fresh) void upload(path, file);
    const meets = folders.map((g) => [g, folderUploadMeets(g.top, listing?.entries ?? [])] as const);
    sendFolders(path, meets.filter(([, m]) => m === 'fresh').map(([g]) => g));
    const merge = meets.filter(([, m]) => m === 'merge').map(([g]) => g);
    setClashes((q) => askAlso(q, 'files', path, plan.replace, (f) => f.name));
    setMerges((q) => askAlso(q, 'folders', path, merge, (g) => g.top));
    const refusedNow = [...plan.refused.map((f) => folderClashMessage(path, f.name)), ...meets.filter(([, m]) => m === 'refused').map(([g]) => fileClashMessage(path, g.top))];
    refuse(...refusedNow);
  };
  /** Upload folders' trees into `dir`, a few files at a time, then make their empty folders (an empty top folder too). Listed again when done. */
  const sendFolders = (dir: string, folders: FolderUpload<File>[]) => {
    if (!folders.length) return;
    const empty = folders.flatMap((g) => (g.files.length ? (g.empty ?? []) : [g.top, ...(g.empty ?? [])]));
    const failed = (message: string) => refuse(message);
    void eachLimited(folders.flatMap((g) => g.files), FOLDER_UPLOADS_AT_ONCE, (f) => upload(dir, f.file, f.folder))
      .then(() => makeEmptyFolders((a) => api.containers.mkdir({ id, ...a }), dir, empty, failed))
      .then(refresh);
  };
  const onPick = (e: ChangeEvent<HTMLInputElement>) => {
    startUploads(Array.from(e.target.files ?? []));
    e.target.value = '';
  };
  const onPickFolder = (e: ChangeEvent<HTMLInputElement>) => {
    startUploads([], folderUploads(Array.from(e.target.files ?? [])));
    e.target.value = '';
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDropping(false);
    // A dropped folder is a File in dataTransfer.files that cannot be read: its tree comes from the entries API.
    const items = Array.from(e.dataTransfer.items ?? []).filter((i) => i.kind === 'file');
    const entries = items.map((i) => i.webkitGetAsEntry?.() as DroppedEntry | null | undefined).filter((x): x is DroppedEntry => !!x);
    if (entries.length !== items.length || !entries.some((x) => x.isDirectory)) return startUploads(Array.from(e.dataTransfer.files));
    readDropped(entries).then(
      ({ files, folders }) => startUploads(files, folders),
      (err: unknown) => refuse(`The dropped folder could not be read (${messageOf(err)}): use Upload folder instead.`),
    );
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
          <button type="button" className="btn" onClick={refresh} aria-label="Refresh files" title="Refresh">
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
          <label className="btn fbrowser__upload" title="Upload a folder with everything in it">
            <UploadIcon />
            Upload folder
            {/* webkitdirectory is not in React's attribute types: set on the element. */}
            <input type="file" className="visually-hidden" aria-label="Upload folder" onChange={onPickFolder} ref={(el) => el?.setAttribute('webkitdirectory', '')} />
          </label>
        </div>
      </div>
      {newFolder && listing ? (
        <NewFolderForm
          dir={path}
          taken={listing.entries.map((e) => e.name)}
          create={(folder) => api.containers.mkdir({ id, path, folder })}
          onDone={() => (setNewFolder(false), refresh())}
          onCancel={() => setNewFolder(false)}
        />
      ) : null}
      <UploadQuestions
        clashes={clashes}
        merges={merges}
        refused={refused}
        onReplace={(c, yes) => {
          if (yes) for (const file of c.files) void upload(c.dir, file);
          setClashes((q) => q.filter((x) => x !== c));
        }}
        onMerge={(m, yes) => {
          if (yes) sendFolders(m.dir, m.folders);
          setMerges((q) => q.filter((x) => x !== m));
        }}
        onDismissRefused={() => setRefused(undefined)}
      />
      <TransfersPanel transfers={transfers} onCancel={cancel} onDismiss={dismiss} onClearFinished={clearFinished} />
      {state.phase === 'error' && state.notAFolder ? (
        // A file's path: show it where it is, or download it (the Files tab lists folders only).
        <div className="banner banner--info fbrowser__error" role="status">
          <div className="banner__body">
            <p className="banner__title">{path} is a file, not a folder.</p>
            <div className="fbrowser__note-actions">
              <button type="button" className="btn btn--small" onClick={() => showInFolder(path)}>
                Show it in its folder
              </button>
              <button type="button" className="btn btn--small" onClick={() => download(path, baseName(path))}>
                Download it
              </button>
            </div>
          </div>
        </div>
      ) : state.phase === 'error' ? (
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
      <TruncatedNote listing={listing} />
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
        onDrop={onDrop}
      >
        {dropping ? <p className="fbrowser__dropnote">Drop to upload into {path}</p> : null}
        {listing ? (
          <>
            <FileTable
              folder={listing.path}
              refocus={refocusTable}
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
          dir={path}
          entry={deleting}
          from={`the container ${summary?.name ?? id}`}
          remove={(target) => api.containers.deletePath({ id, path: target })}
          onDone={() => (setDeleting(undefined), refresh())}
          onClose={() => setDeleting(undefined)}
        />
      ) : null}
    </div>
  );
}

/** The last part of a container path: "/etc/passwd" → "passwd". */
const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
