import { describe, expect, it } from 'vitest';
import { engineInfo, runningStatus } from '../../testing/fake-api.js';
import { engineInfoSections, selectEngineBanner, selectRunningKey, sourceLabel, statusFields } from './selectors.js';

describe('selectRunningKey', () => {
  it('is null unless running, and changes with the endpoint', () => {
    expect(selectRunningKey({})).toBeNull();
    expect(selectRunningKey({ engineStatus: { ...runningStatus, state: 'starting' } })).toBeNull();
    const a = selectRunningKey({ engineStatus: runningStatus });
    const b = selectRunningKey({ engineStatus: { ...runningStatus, endpoint: { host: 'unix:///var/run/docker.sock', source: 'default' } } });
    expect(a).not.toBeNull();
    expect(a).not.toBe(b);
  });
});

describe('selectEngineBanner', () => {
  it('shows nothing while running', () => {
    expect(selectEngineBanner({ engineStatus: runningStatus })).toEqual({ kind: 'none' });
  });
  it('shows progress while starting', () => {
    expect(selectEngineBanner({ engineStatus: { state: 'starting', managed: true, message: 'Starting dockerd (3 s)' } })).toEqual({
      kind: 'starting',
      progress: 'Starting dockerd (3 s)',
    });
    expect(selectEngineBanner({ engineStatus: { state: 'starting', managed: true } })).toMatchObject({ kind: 'starting', progress: expect.any(String) });
  });
  it('shows message, remedy and log lines on error', () => {
    const banner = selectEngineBanner({
      engineStatus: { state: 'error', managed: true, message: 'dockerd exited with code 1', remedy: 'Install Docker Engine', logTail: ['line 1', 'line 2'] },
    });
    expect(banner).toEqual({ kind: 'error', title: 'Docker engine error', message: 'dockerd exited with code 1', remedy: 'Install Docker Engine', logTail: ['line 1', 'line 2'] });
  });
  it('never shows an empty error', () => {
    const banner = selectEngineBanner({ engineStatus: { state: 'stopped', managed: false } });
    expect(banner).toMatchObject({ kind: 'error', title: 'Docker engine stopped', message: expect.stringMatching(/not running/) });
  });
  it('reports a failing status stream before any status is known', () => {
    expect(selectEngineBanner({ engineStatusError: 'UNKNOWN_METHOD' })).toMatchObject({ kind: 'error', message: expect.stringContaining('UNKNOWN_METHOD') });
    expect(selectEngineBanner({})).toEqual({ kind: 'checking' });
  });
});

describe('sourceLabel', () => {
  it('names every source', () => {
    expect(sourceLabel({ host: 'x', source: 'DOCKER_HOST' })).toBe('DOCKER_HOST environment variable');
    // "setting" is the engine named by --docker-host: a command-line flag, not Berth's settings.
    expect(sourceLabel({ host: 'x', source: 'setting' })).toBe('--docker-host on the command line');
    expect(sourceLabel({ host: 'x', source: 'context', context: 'colima' })).toBe('Docker context “colima”');
    expect(sourceLabel({ host: 'x', source: 'embedded' })).toMatch(/Berth/);
  });
});

describe('engine fields', () => {
  it('lists status fields with endpoint and source', () => {
    expect(statusFields(runningStatus).map((f) => [f.label, f.value])).toEqual([
      ['State', 'running'],
      ['Endpoint', 'unix:///tmp/bt/docker.sock'],
      ['Source', 'DOCKER_HOST environment variable'],
      ['Managed by Berth', 'No'],
    ]);
  });

  it('formats versions, memory and counts', () => {
    const fields = Object.fromEntries(engineInfoSections(engineInfo()).flatMap((s) => s.fields.map((f) => [f.label, f.value])));
    expect(fields['Server version']).toBe('27.5.1');
    expect(fields['API version']).toBe('1.47 (minimum 1.24)');
    expect(fields['containerd']).toBe('1.7.25');
    expect(fields['Memory']).toBe('7.76 GiB');
    expect(fields['Cgroup']).toBe('systemd (v2)');
    expect(fields['Containers']).toBe('5 (3 running, 0 paused, 2 stopped)');
    expect(fields['OS/Arch']).toBe('linux/amd64');
  });

  it('uses unique labels across sections', () => {
    const labels = engineInfoSections(engineInfo()).flatMap((s) => s.fields.map((f) => f.label));
    const all = [...labels, ...statusFields(runningStatus).map((f) => f.label)];
    expect(new Set(all).size).toBe(all.length);
  });

  it('shows a dash for missing optional versions', () => {
    const info = engineInfo();
    delete info.server.runcVersion;
    const runc = engineInfoSections(info).flatMap((s) => s.fields).find((f) => f.label === 'runc');
    expect(runc?.value).toBe('—');
  });
});
