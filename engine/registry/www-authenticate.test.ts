import { describe, expect, it } from 'vitest';
import { nextLink, parseWwwAuthenticate, pickChallenge } from './www-authenticate.js';

describe('WWW-Authenticate parsing', () => {
  it('parses a Bearer challenge with quoted values containing commas', () => {
    const [c] = parseWwwAuthenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"');
    expect(c).toEqual({ scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:samalba/my-app:pull,push' } });
  });

  it('parses Basic, escapes, tokens and several challenges', () => {
    expect(parseWwwAuthenticate('Basic realm="berth-test"')).toEqual([{ scheme: 'basic', params: { realm: 'berth-test' } }]);
    expect(parseWwwAuthenticate('Basic realm="a \\"quoted\\" realm", charset=UTF-8')[0]?.params).toEqual({ realm: 'a "quoted" realm', charset: 'UTF-8' });
    const many = parseWwwAuthenticate('Basic realm="x", Bearer realm="https://t/token",service=reg');
    expect(many.map((c) => c.scheme)).toEqual(['basic', 'bearer']);
    expect(pickChallenge(many)?.scheme).toBe('bearer');
    expect(pickChallenge(parseWwwAuthenticate('Negotiate'))).toBeUndefined();
    expect(parseWwwAuthenticate('')).toEqual([]);
  });

  it('finds the next page in a Link header', () => {
    const base = 'http://127.0.0.1:5000/v2/_catalog?n=2';
    expect(nextLink('</v2/_catalog?last=b&n=2>; rel="next"', base)).toBe('http://127.0.0.1:5000/v2/_catalog?last=b&n=2');
    expect(nextLink('<https://x/prev>; rel="prev", </v2/t?last=z>; rel=next', base)).toBe('http://127.0.0.1:5000/v2/t?last=z');
    expect(nextLink('</v2/_catalog?last=b>; rel="prev"', base)).toBeUndefined();
    expect(nextLink(null, base)).toBeUndefined();
  });
});
