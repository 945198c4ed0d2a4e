import { describe, expect, it } from 'vitest';
import { parseServerArgs } from './cli-args.js';
import { defaultDataDir } from './data-dir.js';

describe('parseServerArgs', () => {
  it('has sensible defaults', () => {
    expect(parseServerArgs([], { HOME: '/h', BERTH_DATA_DIR: '/data' })).toEqual({
      port: 0, tokenFile: undefined, dockerHost: undefined, dataDir: '/data', embedded: 'auto', engine: 'auto', help: false,
    });
  });

  it('reads every flag', () => {
    const a = parseServerArgs(['--port', '8080', '--token-file', '/t', '--docker-host', 'unix:///x.sock', '--data-dir', '/d', '--no-embedded-engine']);
    expect(a).toMatchObject({ port: 8080, tokenFile: '/t', dockerHost: 'unix:///x.sock', dataDir: '/d', embedded: 'never' });
    expect(parseServerArgs(['--port=0']).port).toBe(0);
  });

  it('names the bad flag', () => {
    expect(() => parseServerArgs(['--port', 'abc'])).toThrow(/--port must be a whole number .*"abc"/);
    expect(() => parseServerArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseServerArgs(['--port', '-1'])).toThrow(/--port/);
    expect(() => parseServerArgs(['--bogus'])).toThrow(/--bogus/);
    expect(() => parseServerArgs(['extra'])).toThrow(/extra/);
    expect(() => parseServerArgs(['--docker-host', '/var/run/docker.sock'])).toThrow(/--docker-host: unsupported Docker host "\/var\/run\/docker.sock": supported forms are unix:\/\//);
    expect(() => parseServerArgs(['--docker-host', 'ftp://x'])).toThrow(/supported forms are/);
    expect(() => parseServerArgs(['--docker-host', 'unix://'])).toThrow(/--docker-host: .*a unix socket path must be absolute/);
    expect(() => parseServerArgs(['--docker-host', 'unix://run/docker.sock'])).toThrow(/must be absolute/);
    expect(() => parseServerArgs(['--docker-host', 'tcp://:2375'])).toThrow(/expected tcp:\/\/host:port/);
    expect(parseServerArgs(['--docker-host', 'ssh://me@box']).dockerHost).toBe('ssh://me@box');
    expect(() => parseServerArgs(['--token-file'])).toThrow(/token-file/);
    expect(() => parseServerArgs(['--engine', 'kvm'])).toThrow(/--engine must be one of auto, native, embedded, vm \(got "kvm"\)/);
  });

  it('reads --engine and refuses contradictory engine flags', () => {
    expect(parseServerArgs(['--engine', 'vm']).engine).toBe('vm');
    expect(parseServerArgs(['--engine=native', '--docker-host', 'unix:///x.sock']).engine).toBe('native');
    expect(() => parseServerArgs(['--engine', 'vm', '--docker-host', 'unix:///x.sock'])).toThrow(/cannot go with --engine vm/);
    expect(() => parseServerArgs(['--engine', 'embedded', '--no-embedded-engine'])).toThrow(/contradict/);
  });
});

describe('defaultDataDir', () => {
  it('follows each platform', () => {
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.local/share/berth');
    expect(defaultDataDir({ XDG_DATA_HOME: '/x' }, 'linux', '/home/u')).toBe('/x/berth');
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Berth');
    expect(defaultDataDir({ BERTH_DATA_DIR: '/b' }, 'linux', '/home/u')).toBe('/b');
  });
});
