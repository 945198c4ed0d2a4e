import { describe, expect, it } from 'vitest';
import { byRelevance, mapHubResults } from './registry-search.js';

describe('search results order', () => {
  it('the exact name first, then exact last path components, then prefixes, then the rest; alphabetical within each', () => {
    const names = ['zeta/app', 'myapp', 'app-tools', 'team/app', 'app', 'apple/pie', 'a/b-app'];
    expect(names.sort(byRelevance('app'))).toEqual(['app', 'team/app', 'zeta/app', 'app-tools', 'apple/pie', 'a/b-app', 'myapp']);
    // No term (a whole catalog): alphabetical.
    expect(['b', 'c/a', 'a'].sort(byRelevance(''))).toEqual(['a', 'b', 'c/a']);
  });

  it('Docker Hub results are ordered as a catalog search is, not in the order Hub sent them', () => {
    const hub = [
      { name: 'bitnami/redis-cluster', description: 'cluster', star_count: 20, is_official: false },
      { name: 'redislabs/redisearch', star_count: 5 },
      { name: 'bitnami/redis', star_count: 300 },
      { name: 'redis', description: 'Redis is an open source key-value store', star_count: 12000, is_official: true },
      { name: 'grokzen/redis-cluster', star_count: 80 },
      { name: '' }, // no name: skipped
    ];
    const res = mapHubResults(hub, 25, ' Redis ');
    expect(res.repositories.map((r) => r.name)).toEqual(['redis', 'bitnami/redis', 'bitnami/redis-cluster', 'grokzen/redis-cluster', 'redislabs/redisearch']);
    expect(res.repositories[0]).toEqual({ name: 'redis', pullName: 'redis', description: 'Redis is an open source key-value store', stars: 12000, official: true, tags: [] });
    expect(res.truncated).toBe(true); // the nameless answer was left out
  });

  it('keeps the first `limit` results Hub sent (its most popular), then orders them', () => {
    const hub = ['c-redis', 'b-redis', 'redis', 'a-redis'].map((name) => ({ name }));
    const res = mapHubResults(hub, 3, 'redis');
    expect(res.repositories.map((r) => r.name)).toEqual(['redis', 'b-redis', 'c-redis']);
    expect(res.truncated).toBe(true);
  });
});
