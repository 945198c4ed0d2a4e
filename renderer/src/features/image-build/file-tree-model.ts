import type { LayerChange, LayerEntryType, LayerSummary } from '../../../../contract/models/image-build.js';

export type NodeChange = LayerChange | 'unchanged';

export interface ViewEntry {
  path: string;
  type: LayerEntryType;
  change: NodeChange;
  size: number;
  linkTarget?: string;
}

export interface TreeNode {
  name: string;
  path: string;
  type: LayerEntryType;
  /** Undefined for folders that are only there to hold changed entries. */
  change?: NodeChange;
  size: number;
  linkTarget?: string;
  children: TreeNode[];
  /** Added, changed or deleted entries at or below this node. */
  changes: number;
}

/**
 * The entries to show for layer `k`: only its own changes, or (onlyChanges false) the whole file
 * system as it is after layer k, lower layers' files marked "unchanged" and this layer's marked as
 * it changed them (deleted ones stay visible, marked deleted).
 */
export function layerView(layers: readonly LayerSummary[], k: number, onlyChanges: boolean): ViewEntry[] {
  const own = layers[k]?.entries ?? [];
  if (onlyChanges) return own.map((e) => ({ ...e }));
  const fs = new Map<string, ViewEntry>();
  const remove = (path: string) => {
    fs.delete(path);
    const prefix = `${path}/`;
    for (const p of fs.keys()) if (p.startsWith(prefix)) fs.delete(p);
  };
  for (let i = 0; i < k; i++) {
    for (const e of layers[i]!.entries) {
      if (e.change === 'deleted') remove(e.path);
      else fs.set(e.path, { ...e, change: 'unchanged' });
    }
  }
  for (const e of own) {
    if (e.change === 'deleted') remove(e.path);
    fs.set(e.path, { ...e });
  }
  return [...fs.values()];
}

const sortNodes = (a: TreeNode, b: TreeNode) => {
  const ad = a.children.length > 0 || a.type === 'dir';
  const bd = b.children.length > 0 || b.type === 'dir';
  if (ad !== bd) return ad ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
};

/** A tree from flat entries; `filter` (case-insensitive, on the path) keeps matches and their folders. */
export function buildTree(entries: readonly ViewEntry[], filter = ''): TreeNode {
  const root: TreeNode = { name: '/', path: '/', type: 'dir', size: 0, children: [], changes: 0 };
  const byPath = new Map<string, TreeNode>([['/', root]]);
  const needle = filter.trim().toLowerCase();
  const ensure = (path: string): TreeNode => {
    const found = byPath.get(path);
    if (found) return found;
    const slash = path.lastIndexOf('/');
    const parent = ensure(path.slice(0, slash) || '/');
    const node: TreeNode = { name: path.slice(slash + 1), path, type: 'dir', size: 0, children: [], changes: 0 };
    parent.children.push(node);
    byPath.set(path, node);
    return node;
  };
  for (const e of entries) {
    if (needle && !e.path.toLowerCase().includes(needle)) continue;
    const node = ensure(e.path);
    node.type = e.type;
    node.change = e.change;
    node.size = e.size;
    if (e.linkTarget !== undefined) node.linkTarget = e.linkTarget;
  }
  const finish = (n: TreeNode): { size: number; changes: number } => {
    n.children.sort(sortNodes);
    let size = n.type === 'dir' ? 0 : n.size;
    let changes = n.change && n.change !== 'unchanged' ? 1 : 0;
    for (const c of n.children) {
      const r = finish(c);
      size += r.size;
      changes += r.changes;
    }
    if (n.type === 'dir' && n.change !== 'deleted') n.size = size;
    n.changes = changes;
    return { size: n.size, changes };
  };
  finish(root);
  return root;
}

export interface TreeRow {
  node: TreeNode;
  level: number;
  expanded: boolean;
  posinset: number;
  setsize: number;
}

/** The visible rows: children of expanded folders (all folders when expandAll), at most `limit`. */
export function visibleRows(root: TreeNode, expanded: ReadonlySet<string>, expandAll: boolean, limit = 3000): { rows: TreeRow[]; more: boolean } {
  const rows: TreeRow[] = [];
  let more = false;
  const walk = (nodes: TreeNode[], level: number) => {
    nodes.forEach((node, i) => {
      if (rows.length >= limit) {
        more = true;
        return;
      }
      const open = node.children.length > 0 && (expandAll || expanded.has(node.path));
      rows.push({ node, level, expanded: open, posinset: i + 1, setsize: nodes.length });
      if (open) walk(node.children, level + 1);
    });
  };
  walk(root.children, 1);
  return { rows, more };
}
