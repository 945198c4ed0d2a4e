import { describe, expect, it } from 'vitest';
import { container } from '../../testing/fake-api.js';
import { matchesQuery, parseQuery, queryHint } from './query.js';
import { compareBy, nextSort } from './sort.js';

const web = container('abc', { name: 'web-1', image: 'nginx:1.27', state: 'running', labels: { 'com.example.tier': 'front', env: 'prod' } });
const db = container('def', { name: 'db-1', image: 'postgres:16', state: 'exited', labels: { 'com.example.tier': 'back' } });
const paused = container('ghi', { name: 'cache', image: 'redis', state: 'paused', labels: {} });
const all = [web, db, paused];
const names = (q: string) => all.filter((c) => matchesQuery(c, parseQuery(q))).map((c) => c.name);

describe('parseQuery', () => {
  it('splits free words and key:value terms, lowercased, with quotes and negation', () => {
    expect(parseQuery('Web state:running -label:"a=b c" foo:bar').terms).toEqual([
      { key: undefined, value: 'web', negate: false },
      { key: 'state', value: 'running', negate: false },
      { key: 'label', value: 'a=b c', negate: true },
      { key: undefined, value: 'foo:bar', negate: false },
    ]);
    expect(parseQuery('   ').terms).toEqual([]);
  });
});

describe('matchesQuery', () => {
  it('filters by state, including the "stopped" shorthand', () => {
    expect(names('state:running')).toEqual(['web-1']);
    expect(names('state:stopped')).toEqual(['db-1']);
    expect(names('-state:running')).toEqual(['db-1', 'cache']);
  });
  it('filters by label key or key=value', () => {
    expect(names('label:com.example.tier')).toEqual(['web-1', 'db-1']);
    expect(names('label:com.example.tier=back')).toEqual(['db-1']);
    expect(names('label:env=PROD')).toEqual(['web-1']);
    expect(names('label:missing')).toEqual([]);
  });
  it('filters by image and name, and ANDs terms', () => {
    expect(names('image:postgres')).toEqual(['db-1']);
    expect(names('name:1 image:nginx')).toEqual(['web-1']);
    expect(names('1 state:exited')).toEqual(['db-1']);
    expect(names('id:gh')).toEqual(['cache']);
  });
  it('several values of one key are alternatives (OR); other keys, words and negations still AND', () => {
    expect(names('state:exited state:paused')).toEqual(['db-1', 'cache']);
    expect(names('state:exited state:paused image:redis')).toEqual(['cache']);
    expect(names('state:running state:paused -name:cache')).toEqual(['web-1']);
    expect(names('web db')).toEqual([]);
    expect(names('label:env label:com.example.tier=back')).toEqual(['web-1', 'db-1']);
  });
});

describe('sort', () => {
  const sorted = (key: 'name' | 'image' | 'state' | 'created', dir: 'asc' | 'desc' = 'asc') => [...all].sort(compareBy({ key, dir })).map((c) => c.name);
  it('sorts by name, image, state and created in either direction', () => {
    expect(sorted('name')).toEqual(['cache', 'db-1', 'web-1']);
    expect(sorted('name', 'desc')).toEqual(['web-1', 'db-1', 'cache']);
    expect(sorted('image')).toEqual(['web-1', 'db-1', 'cache']);
    expect(sorted('state')).toEqual(['web-1', 'cache', 'db-1']);
    const a = container('1', { name: 'old', created: 1000 });
    const b = container('2', { name: 'new', created: 2000 });
    expect([a, b].sort(compareBy({ key: 'created', dir: 'desc' })).map((c) => c.name)).toEqual(['new', 'old']);
  });
  it('flips the same column and starts a new one ascending (created newest first)', () => {
    expect(nextSort({ key: 'name', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' });
    expect(nextSort({ key: 'name', dir: 'desc' }, 'image')).toEqual({ key: 'image', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'asc' }, 'created')).toEqual({ key: 'created', dir: 'desc' });
  });
});

describe('port: and hints for a query that cannot match', () => {
  const published = container('p1', { name: 'api', ports: [{ ip: '127.0.0.1', privatePort: 80, publicPort: 8080, type: 'tcp' }] });
  const dns = container('p2', { name: 'dns', ports: [{ privatePort: 53, type: 'udp' }] });
  const names = (q: string) => [published, dns, web].filter((c) => matchesQuery(c, parseQuery(q))).map((c) => c.name);

  it('port: finds a container by its published or container port, with the protocol when given', () => {
    expect(names('port:8080')).toEqual(['api']);
    expect(names('port:80')).toEqual(['api']);
    expect(names('port:53')).toEqual(['dns']);
    expect(names('port:53/tcp')).toEqual([]);
    expect(names('port:53/udp')).toEqual(['dns']);
    expect(names('-port:8080')).toEqual(['dns', 'web-1']);
  });

  it('says why a state or a port that cannot be matches nothing, and what would work', () => {
    expect(queryHint(parseQuery('state:bogus'))).toBe('“bogus” is not a state: use running, paused, restarting, created, exited, removing, dead or stopped.');
    expect(queryHint(parseQuery('port:http'))).toBe('“http” is not a port: use a number, optionally with its protocol (port:8080, port:53/udp).');
    expect(queryHint(parseQuery('state:stopped port:53/udp web'))).toBeUndefined();
  });
});
