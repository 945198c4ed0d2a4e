import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../../../contract/model.js';
import { engineInEffect } from './engine-in-effect.js';

const running = (o: Partial<EngineStatus>): EngineStatus => ({ state: 'running', managed: false, ...o });

describe('engineInEffect', () => {
  it('names the provider that really runs, and says --docker-host decides when it was given', () => {
    const status = running({ provider: 'native', endpoint: { host: 'unix:///tmp/d.sock', source: 'setting' } });
    for (const saved of ['auto', 'vm'] as const) {
      const r = engineInEffect(saved, 'auto', status);
      expect(r.now).toBe('native');
      expect(r.note).toBe('--docker-host on the command line decides the engine; this setting applies when Berth starts without it.');
      expect(r.note).not.toMatch(/restart/i);
    }
  });

  it('says nothing more when the saved choice is the one in effect', () => {
    expect(engineInEffect('auto', 'auto', running({ provider: 'native', endpoint: { host: 'x', source: 'default' } }))).toEqual({ now: 'native' });
    expect(engineInEffect('vm', 'vm', running({ provider: 'vm', endpoint: { host: 'x', source: 'vm' } }))).toEqual({ now: 'vm' });
  });

  it('a different choice: restart to switch, unless --engine on the command line decides', () => {
    const r = engineInEffect('vm', 'native', running({ provider: 'native', endpoint: { host: 'x', source: 'DOCKER_HOST' } }));
    expect(r.now).toBe('native');
    expect(r.note).toMatch(/^Restart Berth to switch to “vm”\. If Berth was started with --engine native on the command line, that flag decides the engine/);
  });

  it('falls back to the choice in effect while the engine status is unknown', () => {
    expect(engineInEffect('auto', 'auto', undefined)).toEqual({ now: 'auto' });
  });
});
