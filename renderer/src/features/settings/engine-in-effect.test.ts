import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../../../contract/model.js';
import { engineInEffect } from './engine-in-effect.js';

const running = (o: Partial<EngineStatus>): EngineStatus => ({ state: 'running', managed: false, ...o });

describe('engineInEffect', () => {
  it('names the provider that really runs, and says --docker-host decides when it was given', () => {
    const status = running({ provider: 'native', endpoint: { host: 'unix:///tmp/d.sock', source: 'setting' } });
    for (const saved of ['auto', 'vm'] as const) {
      const r = engineInEffect(saved, 'auto', { kind: 'flag' }, status);
      expect(r.now).toBe('native');
      expect(r.note).toBe('--docker-host on the command line decides the engine; this setting applies when Berth starts without it.');
      expect(r.note).not.toMatch(/restart/i);
    }
  });

  it('says nothing more when the saved choice is the one in effect', () => {
    expect(engineInEffect('auto', 'auto', { kind: 'settings' }, running({ provider: 'native', endpoint: { host: 'x', source: 'default' } }))).toEqual({ now: 'native' });
    expect(engineInEffect('vm', 'vm', { kind: 'settings' }, running({ provider: 'vm', endpoint: { host: 'x', source: 'vm' } }))).toEqual({ now: 'vm' });
  });

  it('a different choice: says which of --engine, an unusable choice or a pending change it is, and only that', () => {
    const status = running({ provider: 'native', endpoint: { host: 'x', source: 'DOCKER_HOST' } });
    const flag = engineInEffect('vm', 'native', { kind: 'flag' }, status);
    expect(flag.now).toBe('native');
    expect(flag.note).toBe('Berth was started with --engine native, which decides the engine; this setting applies when Berth starts without it.');
    const pending = engineInEffect('vm', 'native', { kind: 'settings' }, status);
    expect(pending.note).toBe('Restart Berth to switch to “vm”.');
    const unusable = engineInEffect('embedded', 'auto', { kind: 'unusable', reason: 'the embedded dockerd runs only on Linux' }, status);
    expect(unusable.note).toBe('“embedded” cannot be used on this computer (the embedded dockerd runs only on Linux), so Berth uses auto.');
    expect(unusable.note).not.toMatch(/restart/i);
  });

  it('a saved choice that names the provider "auto" chose: no restart to ask for', () => {
    const status = running({ provider: 'native', endpoint: { host: 'x', source: 'DOCKER_HOST' } });
    const r = engineInEffect('native', 'auto', { kind: 'settings' }, status);
    expect(r.now).toBe('native');
    expect(r.note).toBe('“native” runs now already (“auto” chose it when Berth started): no restart needed; from the next start Berth uses it by name.');
    expect(engineInEffect('vm', 'auto', { kind: 'settings' }, status).note).toBe('Restart Berth to switch to “vm”.');
  });

  it('falls back to the choice in effect while the engine status is unknown', () => {
    expect(engineInEffect('auto', 'auto', { kind: 'settings' }, undefined)).toEqual({ now: 'auto' });
  });
});
