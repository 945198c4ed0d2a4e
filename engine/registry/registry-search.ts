import { BerthError } from '../../contract/errors.js';
import type { RegistryRepository, RegistrySearchResult, RegistryTagList } from '../../contract/models/registries.js';
import type { RegistryAuth } from './credential-store.js';
import { RegistryV2Client } from './v2-client.js';

/** Bounds: how much of a catalog Berth reads, and how many tags per repository. */
export const MAX_CATALOG = 10_000;
export const SEARCH_TAGS = 200;
export const MAX_TAGS = 2_000;
const TAG_CONCURRENCY = 4;

export interface V2SearchOptions {
  host: string;
  term: string;
  limit: number;
  auth?: RegistryAuth;
  allowHttp: boolean;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

/** Search a v2 registry: its catalog filtered by the term (best matches first), each with its tags. */
export async function searchV2Registry(o: V2SearchOptions): Promise<RegistrySearchResult> {
  const client = new RegistryV2Client({ host: o.host, auth: o.auth, allowHttp: o.allowHttp, signal: o.signal, fetchImpl: o.fetchImpl });
  const catalog = await client.catalog(MAX_CATALOG);
  const term = o.term.trim().toLowerCase();
  const matches = catalog.items.filter((name) => name.toLowerCase().includes(term)).sort(byRelevance(term));
  const picked = matches.slice(0, o.limit);
  const repositories = await mapLimit(picked, TAG_CONCURRENCY, async (name): Promise<RegistryRepository> => {
    const repo: RegistryRepository = { name, pullName: `${o.host}/${name}`, tags: [] };
    try {
      const tags = await client.tags(name, SEARCH_TAGS);
      repo.tags = sortTags(tags.items);
      if (tags.truncated) repo.tagsTruncated = true;
    } catch (err) {
      if (err instanceof BerthError && err.code === 'CANCELLED') throw err;
      repo.tagsError = err instanceof Error ? err.message : String(err);
    }
    return repo;
  });
  return { registry: o.host, source: 'catalog', repositories, truncated: catalog.truncated || matches.length > picked.length };
}

export async function listV2Tags(o: Omit<V2SearchOptions, 'term' | 'limit'> & { repository: string; registry?: string }): Promise<RegistryTagList> {
  const client = new RegistryV2Client({ host: o.host, auth: o.auth, allowHttp: o.allowHttp, signal: o.signal, fetchImpl: o.fetchImpl });
  const page = await client.tags(o.repository, MAX_TAGS);
  return { registry: o.registry ?? o.host, repository: o.repository, tags: sortTags(page.items), truncated: page.truncated };
}

/** Hub search answers as the engine returns them. */
export interface HubSearchItem {
  name?: unknown;
  description?: unknown;
  star_count?: unknown;
  is_official?: unknown;
}

/** Docker Hub's answer (its own order, popularity first), the first `limit` valid ones ordered as a catalog search is: best matches of `term` first. */
export function mapHubResults(items: unknown, limit: number, term: string): RegistrySearchResult {
  const list = Array.isArray(items) ? (items as HubSearchItem[]) : [];
  const repositories: RegistryRepository[] = [];
  for (const it of list) {
    if (typeof it.name !== 'string' || !it.name) continue;
    if (repositories.length >= limit) break;
    repositories.push({
      name: it.name,
      pullName: it.name,
      description: typeof it.description === 'string' && it.description ? it.description : undefined,
      stars: typeof it.star_count === 'number' ? it.star_count : undefined,
      official: it.is_official === true,
      tags: [],
    });
  }
  const order = byRelevance(term.trim().toLowerCase());
  repositories.sort((a, b) => order(a.name, b.name));
  return { registry: 'docker.io', source: 'hub', repositories, truncated: list.length > repositories.length };
}

/** "latest" first, then the rest newest-looking first (natural order, descending). */
export function sortTags(tags: readonly string[]): string[] {
  const collator = new Intl.Collator('en', { numeric: true });
  return [...new Set(tags)].sort((a, b) => (a === 'latest' ? -1 : b === 'latest' ? 1 : collator.compare(b, a)));
}

/** Repository names as search results list them: exact matches of `term` (lower case) first, then prefixes, then the rest; alphabetical within each. */
export function byRelevance(term: string): (a: string, b: string) => number {
  return (a, b) => rank(a, term) - rank(b, term) || a.localeCompare(b);
}

/** The exact name first, then an exact last path component ("team/app" for "app"), then prefixes, then the rest. */
function rank(name: string, term: string): number {
  if (!term) return 0;
  const n = name.toLowerCase();
  const last = n.slice(n.lastIndexOf('/') + 1);
  if (n === term) return 0;
  if (last === term) return 1;
  if (n.startsWith(term) || last.startsWith(term)) return 2;
  return 3;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
