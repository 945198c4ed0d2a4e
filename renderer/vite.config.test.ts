import { describe, expect, it } from 'vitest';
import { berthKinds } from '../contract/kinds.js';
import config from './vite.config.js';

describe("the renderer's build", () => {
  it('inlines contract/kinds.ts as its value, so the window evaluates no contract schema', () => {
    const plugin = (config.plugins ?? []).flat().find((p) => p && typeof p === 'object' && 'name' in p && p.name === 'berth-inline-contract-kinds');
    const load = plugin && typeof plugin === 'object' && 'load' in plugin ? plugin.load : undefined;
    expect(typeof load).toBe('function');
    const code = (load as (id: string) => string | undefined).call({}, '/any/where/contract/kinds.ts');
    expect(code).toMatch(/^export const berthKinds = \{/);
    expect(JSON.parse(code!.replace(/^export const berthKinds = /, '').replace(/;\s*$/, ''))).toEqual(berthKinds);
    expect((load as (id: string) => string | undefined).call({}, '/any/where/contract/api.ts')).toBeUndefined();
  });
});
