import { describe, expect, it } from 'vitest';
import { canonicalHost, configKey, convertToHostname, isDockerHub, registryAddressProblem, sameRegistry } from './registry-host.js';

describe('registry host normalisation (as the Docker CLI does)', () => {
  it('treats every spelling of Docker Hub as one key', () => {
    for (const a of ['docker.io', 'index.docker.io', 'https://index.docker.io/v1/', 'registry-1.docker.io', 'DOCKER.IO', 'http://docker.io']) {
      expect(isDockerHub(a)).toBe(true);
      expect(configKey(a)).toBe('https://index.docker.io/v1/');
      expect(canonicalHost(a)).toBe('docker.io');
    }
    expect(sameRegistry('docker.io', 'https://index.docker.io/v1/')).toBe(true);
  });

  it('keys other registries by host[:port] without scheme or path', () => {
    expect(convertToHostname('https://Registry.Example.com:5000/v2/foo')).toBe('registry.example.com:5000');
    expect(configKey('http://127.0.0.1:5001/')).toBe('127.0.0.1:5001');
    expect(configKey('127.0.0.1:5001')).toBe('127.0.0.1:5001');
    expect(isDockerHub('ghcr.io')).toBe(false);
    expect(sameRegistry('127.0.0.1:5000', '127.0.0.1:5001')).toBe(false);
  });

  it('explains bad server addresses', () => {
    expect(registryAddressProblem('127.0.0.1:5000')).toBeUndefined();
    expect(registryAddressProblem('[::1]:5000')).toBeUndefined();
    expect(registryAddressProblem('')).toBe('the registry server is empty');
    expect(registryAddressProblem('bad host')).toMatch(/contains spaces/);
    expect(registryAddressProblem('a_b!:x')).toMatch(/is not a registry host/);
    expect(registryAddressProblem('host:70000')).toBe('port 70000 is out of range');
  });
});
