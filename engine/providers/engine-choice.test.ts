import { describe, expect, it } from 'vitest';
import { BerthError } from '../../contract/errors.js';
import { planEngine } from './engine-choice.js';

describe('planEngine', () => {
  it('auto on Linux tries a running engine, then the embedded dockerd, then the VM', () => {
    expect(planEngine({}, 'linux').order).toEqual(['native', 'embedded', 'vm']);
    expect(planEngine({ engine: 'auto', noEmbedded: true }, 'linux').order).toEqual(['native', 'vm']);
  });

  it('auto on macOS and Windows is the VM, and says why', () => {
    const mac = planEngine({}, 'darwin');
    expect(mac.order).toEqual(['vm']);
    expect(mac.why).toMatch(/macOS runs no Docker engine natively/);
    expect(planEngine({ engine: 'auto' }, 'win32').why).toMatch(/Windows/);
  });

  it('an explicit provider is the only one tried', () => {
    expect(planEngine({ engine: 'native' }, 'linux').order).toEqual(['native']);
    expect(planEngine({ engine: 'embedded' }, 'linux').order).toEqual(['embedded']);
    expect(planEngine({ engine: 'vm' }, 'linux').order).toEqual(['vm']);
  });

  it('--docker-host means that engine, with auto or native', () => {
    expect(planEngine({ dockerHost: 'tcp://127.0.0.1:2375' }, 'darwin')).toEqual({ order: ['native'], why: 'You chose the engine at tcp://127.0.0.1:2375 (--docker-host).' });
    expect(planEngine({ engine: 'native', dockerHost: 'unix:///x.sock' }, 'linux').order).toEqual(['native']);
  });

  it.each([
    [{ engine: 'vm' as const, dockerHost: 'unix:///x.sock' }, 'linux', /cannot go with --engine vm/],
    [{ engine: 'embedded' as const, dockerHost: 'unix:///x.sock' }, 'linux', /cannot go with --engine embedded/],
    [{ engine: 'embedded' as const, noEmbedded: true }, 'linux', /--no-embedded-engine and --engine embedded contradict/],
    [{ engine: 'embedded' as const }, 'darwin', /only Linux can do \(this is macOS\)/],
  ])('refuses a contradiction: %o on %s', (flags, platform, message) => {
    let caught: unknown;
    try {
      planEngine(flags, platform as NodeJS.Platform);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(BerthError);
    expect((caught as BerthError).message).toMatch(message);
    expect((caught as BerthError).code).toBe('VALIDATION');
  });
});
