import { describe, expect, it } from 'vitest';
import { allowsPlainHttp, inCidr } from './insecure-registries.js';

describe('plain HTTP fallback', () => {
  it('allows loopback registries and those the engine marks insecure', () => {
    expect(allowsPlainHttp('127.0.0.1:5000')).toBe(true);
    expect(allowsPlainHttp('localhost:5000')).toBe(true);
    expect(allowsPlainHttp('[::1]:5000')).toBe(true);
    expect(allowsPlainHttp('registry.example.com')).toBe(false);
    expect(allowsPlainHttp('registry.lan:5000', { IndexConfigs: { 'registry.lan:5000': { Secure: false } } })).toBe(true);
    expect(allowsPlainHttp('10.1.2.3:5000', { InsecureRegistryCIDRs: ['10.0.0.0/8'] })).toBe(true);
    expect(allowsPlainHttp('11.1.2.3:5000', { InsecureRegistryCIDRs: ['10.0.0.0/8'] })).toBe(false);
    expect(allowsPlainHttp('docker.io', { IndexConfigs: { 'docker.io': { Secure: true } } })).toBe(false);
  });

  it('matches IPv4 CIDRs', () => {
    expect(inCidr('192.168.1.7', '192.168.1.0/24')).toBe(true);
    expect(inCidr('192.168.2.7', '192.168.1.0/24')).toBe(false);
    expect(inCidr('1.2.3.4', '0.0.0.0/0')).toBe(true);
    expect(inCidr('1.2.3.4', 'garbage')).toBe(false);
  });
});
