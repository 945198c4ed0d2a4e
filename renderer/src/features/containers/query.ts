import type { ContainerSummary } from '../../../../contract/index.js';

/**
 * The filter box's query: free words plus `key:value` terms, all of which must match (AND); several
 * values for one key match any of them (OR). Keys: name, image, state (or status), label, project, id,
 * port (a published or container port: `port:8080`, `port:53/udp`).
 * `label:key` needs the label, `label:key=value` its value. `-term` negates a term. Quotes keep spaces:
 * `label:"com.example=a b"`. Unknown keys are searched as plain text.
 */
export type QueryKey = 'name' | 'image' | 'state' | 'label' | 'project' | 'id' | 'port';

export interface QueryTerm {
  key?: QueryKey;
  value: string;
  negate: boolean;
}

export interface ContainerQuery {
  terms: QueryTerm[];
}

const KEYS: Record<string, QueryKey> = { name: 'name', image: 'image', state: 'state', status: 'state', label: 'label', project: 'project', id: 'id', is: 'state', port: 'port' };

/** The values `state:` knows: the engine's states, and "stopped" for any that is not running or paused. */
export const QUERY_STATES = ['running', 'paused', 'restarting', 'created', 'exited', 'removing', 'dead', 'stopped'] as const;

/** A published (host) or container port, with its protocol when given: "8080", "53/udp". */
function matchPort(c: ContainerSummary, value: string): boolean {
  const [num, proto] = value.split('/');
  const n = Number(num);
  if (!Number.isInteger(n)) return false;
  return c.ports.some((p) => (p.publicPort === n || p.privatePort === n) && (!proto || p.type === proto));
}

/**
 * Why a query matches nothing when it asks for something that cannot be (a state no container has):
 * said beside "No containers match", with the values that would work. Undefined when nothing is amiss.
 */
export function queryHint(q: ContainerQuery): string | undefined {
  const bad = q.terms.find((t) => t.key === 'state' && !(QUERY_STATES as readonly string[]).includes(t.value));
  if (bad) return `“${bad.value}” is not a state: use ${QUERY_STATES.slice(0, -1).join(', ')} or ${QUERY_STATES.at(-1)}.`;
  const port = q.terms.find((t) => t.key === 'port' && !/^\d{1,5}(\/(tcp|udp|sctp))?$/.test(t.value));
  if (port) return `“${port.value}” is not a port: use a number, optionally with its protocol (port:8080, port:53/udp).`;
  return undefined;
}

export function parseQuery(input: string): ContainerQuery {
  const terms: QueryTerm[] = [];
  const re = /(-?)(?:([a-zA-Z]+):)?(?:"([^"]*)"?|(\S+))/g;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    const [, neg, rawKey, quoted, bare] = m;
    let value = (quoted ?? bare ?? '').trim();
    let key: QueryKey | undefined;
    if (rawKey) {
      key = KEYS[rawKey.toLowerCase()];
      if (!key) value = `${rawKey}:${value}`;
    }
    if (!value) continue;
    terms.push({ key, value: value.toLowerCase(), negate: neg === '-' });
  }
  return { terms };
}

export function isEmptyQuery(q: ContainerQuery): boolean {
  return q.terms.length === 0;
}

function project(c: ContainerSummary): string {
  return (c.composeProject ?? c.labels?.['com.docker.compose.project'] ?? '').toLowerCase();
}

function service(c: ContainerSummary): string {
  return (c.composeService ?? c.labels?.['com.docker.compose.service'] ?? '').toLowerCase();
}

function matchLabel(c: ContainerSummary, value: string): boolean {
  const eq = value.indexOf('=');
  const key = eq < 0 ? value : value.slice(0, eq);
  const want = eq < 0 ? undefined : value.slice(eq + 1);
  for (const [k, v] of Object.entries(c.labels ?? {})) {
    if (k.toLowerCase() !== key) continue;
    if (want === undefined || v.toLowerCase() === want) return true;
  }
  return false;
}

function matchTerm(c: ContainerSummary, t: QueryTerm): boolean {
  const v = t.value;
  switch (t.key) {
    case 'name':
      return c.name.toLowerCase().includes(v);
    case 'image':
      return c.image.toLowerCase().includes(v);
    case 'state':
      return c.state === v || (v === 'stopped' && c.state !== 'running' && c.state !== 'paused');
    case 'label':
      return matchLabel(c, v);
    case 'project':
      return project(c).includes(v);
    case 'id':
      return c.id.toLowerCase().startsWith(v);
    case 'port':
      return matchPort(c, v);
    default:
      return (
        c.name.toLowerCase().includes(v) ||
        c.image.toLowerCase().includes(v) ||
        c.state === v ||
        c.id.toLowerCase().startsWith(v) ||
        project(c).includes(v) ||
        service(c).includes(v)
      );
  }
}

/** Whether a container matches every term of the query. */
export function matchesQuery(c: ContainerSummary, q: ContainerQuery): boolean {
  // Free words and negated terms must each hold; positive terms of one key are alternatives (OR).
  const anyOf = new Map<QueryKey, boolean>();
  for (const t of q.terms) {
    if (t.key && !t.negate) anyOf.set(t.key, (anyOf.get(t.key) ?? false) || matchTerm(c, t));
    else if (matchTerm(c, t) === t.negate) return false;
  }
  for (const ok of anyOf.values()) if (!ok) return false;
  return true;
}
