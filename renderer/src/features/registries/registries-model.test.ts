import { describe, expect, it } from 'vitest';
import type { RegistryInfo, RegistryRepository } from '../../../../contract/models/registries.js';
import { defaultTag, pullReference, registrySuggestions, sameRegistry, userLabel } from './registries-model.js';

const repo = (tags: string[], pullName = '127.0.0.1:5000/team/app'): RegistryRepository => ({ name: 'team/app', pullName, tags });
const info = (server: string, username?: string): RegistryInfo => ({ server, key: server, dockerHub: false, username, storeKind: 'config-file', storeLabel: 'Docker config' });

describe('registries page model', () => {
  it('picks latest when listed or when no tags are known, else the first tag', () => {
    expect(defaultTag(repo(['v2', 'latest']))).toBe('latest');
    expect(defaultTag(repo([]))).toBe('latest');
    expect(defaultTag(repo(['v2', 'v1']))).toBe('v2');
  });

  it('builds the pull reference from the result and tag', () => {
    expect(pullReference(repo(['v1']), 'v1')).toBe('127.0.0.1:5000/team/app:v1');
    expect(pullReference(repo([], 'nginx'), '')).toBe('nginx:latest');
  });

  it('suggests Docker Hub first and each known registry once', () => {
    expect(registrySuggestions([info('127.0.0.1:5001'), info('docker.io'), info('127.0.0.1:5001')])).toEqual(['docker.io', '127.0.0.1:5001']);
  });

  it('labels users readably', () => {
    expect(userLabel(info('a', '<token>'))).toBe('(identity token)');
    expect(userLabel(info('a'))).toBe('(unknown user)');
    expect(userLabel(info('a', 'berth'))).toBe('berth');
  });

  it('tells when a login is for the registry a search was made on', () => {
    expect(sameRegistry(' 127.0.0.1:5001 ', '127.0.0.1:5001')).toBe(true);
    expect(sameRegistry('https://Registry.Example.com:5000/v2/', 'registry.example.com:5000')).toBe(true);
    expect(sameRegistry('https://index.docker.io/v1/', 'docker.io')).toBe(true);
    expect(sameRegistry('', 'docker.io')).toBe(true);
    expect(sameRegistry('127.0.0.1:5000', '127.0.0.1:5001')).toBe(false);
  });
});
