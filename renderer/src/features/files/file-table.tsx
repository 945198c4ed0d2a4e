import { memo, useEffect, useRef, type KeyboardEvent, type MutableRefObject } from 'react';
import type { FileEntry } from '../../../../contract/models/container-files.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { formatAbsoluteTime } from '../../lib/format/relative-time.js';
import type { SortKey, SortOrder } from './sort-entries.js';
import { DeviceIcon, DownloadIcon, FileIcon, FolderIcon, LinkIcon, UpIcon } from './file-icons.js';

interface FileTableProps {
  /** The folder listed (its listing's path). */
  folder: string;
  /**
   * Held by the browser around the table: set when a folder was opened or left from the keyboard, so
   * the next folder's table (a new one: none shows while a folder loads) gives its first row the focus.
   */
  refocus: MutableRefObject<boolean>;
  entries: readonly FileEntry[];
  order: SortOrder;
  onSort: (key: SortKey) => void;
  /** Show a ".." row (not at /). */
  showParent: boolean;
  onOpen: (entry: FileEntry) => void;
  onUp: () => void;
  onDownload: (entry: FileEntry) => void;
  /** When given, each entry has a Delete button. */
  onDelete?: (entry: FileEntry) => void;
  /** Why Delete cannot be used now (e.g. the container is stopped): the buttons show it and do nothing. */
  deleteBlocked?: string;
}

const navigable = (e: FileEntry) => e.kind === 'dir' || e.kind === 'symlink';

function KindIcon({ entry }: { entry: FileEntry }) {
  if (entry.kind === 'dir') return <FolderIcon className="ftable__icon ftable__icon--dir" />;
  if (entry.kind === 'symlink') return <LinkIcon className="ftable__icon ftable__icon--link" />;
  if (entry.kind === 'other') return <DeviceIcon className="ftable__icon" />;
  return <FileIcon className="ftable__icon" />;
}

function SortHeader({ label, sortKey, order, onSort, className }: { label: string; sortKey: SortKey; order: SortOrder; onSort: (key: SortKey) => void; className?: string }) {
  const active = order.key === sortKey;
  return (
    <th scope="col" className={className} aria-sort={active ? (order.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="ftable__sort" onClick={() => onSort(sortKey)}>
        {label}
        <span aria-hidden="true" className="ftable__arrow">
          {active ? (order.dir === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}

/**
 * One folder's entries: folders (and links) open on click or Enter; files and folders download.
 * From the keyboard, as in a file manager: ↑/↓ move between the rows that open, Backspace or Alt+↑
 * goes to the parent folder, and a folder opened or left from the keyboard gives its first row the
 * focus (the row that had it is gone with the old listing).
 */
export const FileTable = memo(function FileTable({ folder, refocus, entries, order, onSort, showParent, onOpen, onUp, onDownload, onDelete, deleteBlocked }: FileTableProps) {
  const table = useRef<HTMLTableElement>(null);
  // Once the folder the keyboard asked for is listed.
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    table.current?.querySelector<HTMLElement>('tbody tr[tabindex]')?.focus();
  }, [folder, refocus]);
  const go = (fn: () => void) => {
    refocus.current = true;
    fn();
  };
  const keyOpen = (fn: () => void) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' && e.target === e.currentTarget) {
      e.preventDefault();
      go(fn);
    }
  };
  /** Keys on a row (not on its buttons). */
  const onRowKeys = (e: KeyboardEvent<HTMLTableElement>) => {
    const row = e.target instanceof HTMLTableRowElement ? e.target : null;
    if (!row || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if ((e.key === 'Backspace' && !e.altKey) || (e.key === 'ArrowUp' && e.altKey)) {
      if (!showParent) return;
      e.preventDefault();
      go(onUp);
    } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !e.altKey) {
      const rows = [...(table.current?.querySelectorAll<HTMLElement>('tbody tr[tabindex]') ?? [])];
      const next = rows[rows.indexOf(row) + (e.key === 'ArrowDown' ? 1 : -1)];
      e.preventDefault();
      next?.focus();
    }
  };
  return (
    <table ref={table} className="ftable" aria-label="Files" onKeyDown={onRowKeys}>
      <thead>
        <tr>
          <SortHeader label="Name" sortKey="name" order={order} onSort={onSort} />
          <SortHeader label="Size" sortKey="size" order={order} onSort={onSort} className="ftable__num" />
          <th scope="col">Permissions</th>
          <SortHeader label="Modified" sortKey="mtime" order={order} onSort={onSort} />
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {showParent ? (
          <tr aria-label=".." className="ftable__row ftable__row--nav" tabIndex={0} onClick={onUp} onKeyDown={keyOpen(onUp)}>
            <td className="ftable__name">
              <span className="ftable__namebox">
                <UpIcon className="ftable__icon" />
                <span>..</span>
              </span>
            </td>
            <td />
            <td />
            <td />
            <td />
          </tr>
        ) : null}
        {entries.map((e) => {
          const open = navigable(e) ? () => onOpen(e) : undefined;
          return (
            <tr
              key={e.name}
              aria-label={e.name}
              className={`ftable__row${open ? ' ftable__row--nav' : ''}`}
              tabIndex={open ? 0 : undefined}
              onClick={open}
              onKeyDown={open ? keyOpen(open) : undefined}
            >
              <td className="ftable__name" title={e.linkTarget ? `${e.name} → ${e.linkTarget}` : e.name}>
                <span className="ftable__namebox">
                  <KindIcon entry={e} />
                  <span className="ftable__label">{e.name}</span>
                  {e.linkTarget ? <span className="ftable__link muted">→ {e.linkTarget}</span> : null}
                </span>
              </td>
              <td className="ftable__num">{e.kind === 'file' ? formatBytes(e.size) : ''}</td>
              <td className="mono ftable__mode">{e.mode}</td>
              <td className="ftable__time">{e.mtime ? formatAbsoluteTime(e.mtime) : ''}</td>
              <td className="ftable__actions">
                {e.kind === 'file' || e.kind === 'dir' || e.kind === 'symlink' ? (
                  <button
                    type="button"
                    className="icon-btn"
                    aria-label={`Download ${e.name}`}
                    title={e.kind === 'dir' ? `Download ${e.name} as a .tar` : `Download ${e.name}`}
                    onClick={(ev) => {
                      ev.stopPropagation();
                      onDownload(e);
                    }}
                  >
                    <DownloadIcon />
                  </button>
                ) : null}
                {onDelete ? (
                  <button
                    type="button"
                    className="icon-btn icon-btn--danger"
                    aria-label={`Delete ${e.name}`}
                    aria-disabled={deleteBlocked ? true : undefined}
                    aria-description={deleteBlocked}
                    title={deleteBlocked ?? `Delete ${e.name}`}
                    onClick={(ev) => {
                      ev.stopPropagation();
                      if (!deleteBlocked) onDelete(e);
                    }}
                  >
                    ✕
                  </button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});
