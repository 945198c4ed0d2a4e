import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ComposeIssue } from '../../contract/models/compose.js';

/** A position in a file, 1-based. */
export interface Pos {
  line: number;
  column: number;
}

/** A parsed YAML file: plain data plus where each value (and each key) sits. */
export interface YamlSource {
  file: string;
  data: unknown;
  /** Path "a.b.0" → the value's position; "a.b.0#key" → its key's. */
  positions: Map<string, Pos>;
}

export const pathKey = (path: readonly (string | number)[]): string => path.join('.');

/** Where `path` is in the file: the value, else the nearest ancestor. */
export function locate(src: YamlSource, path: readonly (string | number)[], key = false): Pos {
  for (let n = path.length; n >= 0; n--) {
    const k = pathKey(path.slice(0, n));
    const p = (key && n === path.length ? src.positions.get(`${k}#key`) : undefined) ?? src.positions.get(k);
    if (p) return p;
  }
  return { line: 1, column: 1 };
}

export function issueAt(src: YamlSource, path: readonly (string | number)[], message: string, key = false): ComposeIssue {
  const pos = locate(src, path, key);
  return { file: src.file, line: pos.line, column: pos.column, message, path: pathKey(path) };
}

/**
 * Parse YAML (1.2 core schema, merge keys `<<` on, anchors and aliases resolved), keeping positions.
 * Syntax errors and duplicate keys come back as issues with their line and column.
 */
export function parseYaml(file: string, text: string): { source?: YamlSource; issues: ComposeIssue[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, merge: true, prettyErrors: false, uniqueKeys: true });
  const issues: ComposeIssue[] = doc.errors.map((e) => {
    const p = lc.linePos(e.pos[0]);
    return { file, line: p.line, column: p.col, message: yamlMessage(e.code, e.message) };
  });
  if (issues.length) return { issues };
  const positions = new Map<string, Pos>();
  const at = (node: { range?: [number, number, number] | null } | null | undefined): Pos | undefined => {
    if (!node?.range) return undefined;
    const p = lc.linePos(node.range[0]);
    return { line: p.line, column: p.col };
  };

  const walk = (node: unknown, path: (string | number)[], depth: number): unknown => {
    if (depth > 64) throw new Error('nested too deeply (more than 64 levels)');
    if (isAlias(node)) return walk(node.resolve(doc), path, depth + 1);
    const pos = at(node as Node);
    if (pos && !positions.has(pathKey(path))) positions.set(pathKey(path), pos);
    if (isScalar(node)) return node.value;
    if (isSeq(node)) return node.items.map((item, i) => walk(item, [...path, i], depth + 1));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const merged: Record<string, unknown>[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const rawKey = isScalar(pair.key) ? pair.key.value : pair.key;
        if (rawKey === '<<' || typeof rawKey === 'symbol') {
          const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
          for (const s of sources) {
            const v = walk(s, path, depth + 1);
            if (v && typeof v === 'object' && !Array.isArray(v)) merged.push(v as Record<string, unknown>);
          }
          continue;
        }
        const key = rawKey === null ? 'null' : typeof rawKey === 'object' ? JSON.stringify(rawKey) : String(rawKey as string | number | boolean);
        const keyPos = at(pair.key as Node);
        if (keyPos) positions.set(`${pathKey([...path, key])}#key`, keyPos);
        out[key] = walk(pair.value, [...path, key], depth + 1);
      }
      // Explicit keys win over merged ones; earlier merge sources win over later ones.
      for (const m of merged.reverse()) for (const [k, v] of Object.entries(m)) if (!(k in out)) out[k] = v;
      return out;
    }
    return node === null || node === undefined ? null : node;
  };
  try {
    const data = walk(doc.contents, [], 0);
    return { source: { file, data, positions }, issues: [] };
  } catch (err) {
    return { issues: [{ file, line: 1, column: 1, message: `Cannot read the YAML: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') return `${first} (a key appears twice in the same mapping)`;
  if (code === 'TAB_AS_INDENT') return 'A tab is used for indentation; YAML indents with spaces';
  return `YAML syntax error: ${first}`;
}
