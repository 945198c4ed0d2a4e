import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatBytes } from '../../lib/format/bytes.js';
import { visibleRows, type TreeNode } from './file-tree-model.js';

const changeText = { added: 'added', changed: 'changed', deleted: 'deleted', unchanged: 'unchanged' } as const;

/** A file tree (role=tree): expandable folders, each entry marked added/changed/deleted with text and colour. */
export function FileTree({ root, label, expandAll, defaultExpanded }: { root: TreeNode; label: string; expandAll: boolean; defaultExpanded?: boolean }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => (defaultExpanded ? folderPaths(root) : new Set()));
  const [focused, setFocused] = useState<string | undefined>(undefined);
  const list = useRef<HTMLUListElement>(null);
  const { rows, more } = useMemo(() => visibleRows(root, expanded, expandAll), [root, expanded, expandAll]);
  const current = rows.find((r) => r.node.path === focused) ? focused : rows[0]?.node.path;

  const toggle = (path: string, open?: boolean) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (open ?? !next.has(path)) next.add(path);
      else next.delete(path);
      return next;
    });

  const focusRow = (path: string | undefined) => {
    if (!path) return;
    setFocused(path);
    list.current?.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`)?.focus();
  };

  const onKey = (e: KeyboardEvent) => {
    const i = rows.findIndex((r) => r.node.path === current);
    const row = rows[i];
    if (!row) return;
    const isFolder = row.node.children.length > 0;
    if (e.key === 'ArrowDown') focusRow(rows[i + 1]?.node.path);
    else if (e.key === 'ArrowUp') focusRow(rows[i - 1]?.node.path);
    else if (e.key === 'Home') focusRow(rows[0]?.node.path);
    else if (e.key === 'End') focusRow(rows.at(-1)?.node.path);
    else if (e.key === 'ArrowRight' && isFolder) {
      if (!row.expanded) toggle(row.node.path, true);
      else focusRow(rows[i + 1]?.node.path);
    } else if (e.key === 'ArrowLeft') {
      if (row.expanded && !expandAll) toggle(row.node.path, false);
      else {
        const parent = row.node.path.slice(0, row.node.path.lastIndexOf('/'));
        if (parent) focusRow(parent);
      }
    } else if ((e.key === 'Enter' || e.key === ' ') && isFolder && !expandAll) toggle(row.node.path);
    else return;
    e.preventDefault();
  };

  if (!rows.length) return <p className="layers__empty">No files match.</p>;
  return (
    <>
      <ul className="file-tree" role="tree" aria-label={label} ref={list} onKeyDown={onKey}>
        {rows.map(({ node, level, expanded: open, posinset, setsize }) => {
          const isFolder = node.children.length > 0;
          const change = node.change;
          return (
            <li
              key={node.path}
              role="treeitem"
              aria-level={level}
              aria-posinset={posinset}
              aria-setsize={setsize}
              aria-expanded={isFolder ? open : undefined}
              aria-selected={node.path === current}
              tabIndex={node.path === current ? 0 : -1}
              data-path={node.path}
              className={`file-tree__row${change ? ` file-tree__row--${change}` : ''}`}
              style={{ paddingLeft: `${(level - 1) * 16 + 6}px` }}
              onClick={() => {
                setFocused(node.path);
                if (isFolder && !expandAll) toggle(node.path);
              }}
            >
              <span className="file-tree__twisty" aria-hidden="true">
                {isFolder ? (open ? '▾' : '▸') : ''}
              </span>
              <span className="file-tree__name">
                {node.name}
                {node.type === 'dir' || isFolder ? '/' : ''}
                {node.linkTarget ? <span className="muted"> → {node.linkTarget}</span> : null}
              </span>
              {change && change !== 'unchanged' ? <span className={`change-badge change-badge--${change}`}>{changeText[change]}</span> : null}
              {!change && node.changes ? <span className="muted file-tree__count">{node.changes} changed</span> : null}
              <span className="file-tree__size">{node.size ? formatBytes(node.size) : ''}</span>
            </li>
          );
        })}
      </ul>
      {more ? <p className="layers__note">Only the first {rows.length} rows are shown; filter to narrow them down.</p> : null}
    </>
  );
}

function folderPaths(root: TreeNode): Set<string> {
  const out = new Set<string>();
  const walk = (n: TreeNode) => {
    for (const c of n.children) {
      if (c.children.length) {
        out.add(c.path);
        walk(c);
      }
    }
  };
  walk(root);
  return out;
}
