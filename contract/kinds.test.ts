import { describe, expect, it } from 'vitest';
import { contract, type BerthContract } from './api.js';
import type { ClientMessage } from './rpc-messages.js';
import { createClient } from './rpc-client.js';
import { berthKinds } from './kinds.js';
import { walkContract } from './walk.js';

describe("the contract's names and kinds (what a client is built from)", () => {
  it('has every definition of the contract, with its kind and nothing else', () => {
    const expected: Record<string, Record<string, { kind: string }>> = {};
    for (const [domain, defs] of Object.entries(contract)) {
      expected[domain] = Object.fromEntries(Object.entries(defs).map(([key, def]) => [key, { kind: def.kind }]));
    }
    expect(berthKinds).toEqual(expected);
    // What the renderer's build inlines (renderer/vite.config.ts): it survives JSON unchanged.
    expect(JSON.parse(JSON.stringify(berthKinds))).toEqual(berthKinds);
  });

  it('makes the same client as the contract itself: the same methods, sending the same messages', () => {
    const record = (source: BerthContract | typeof berthKinds) => {
      const sent: ClientMessage[] = [];
      const client = createClient<BerthContract>(source, { send: (m) => void sent.push(m), onMessage: () => ({ dispose: () => undefined }) });
      return { client, sent };
    };
    const fromKinds = record(berthKinds);
    const fromContract = record(contract);
    const shape = (client: object) => walkContract(contract, (_def, _name, domain, key) => typeof (client as Record<string, Record<string, unknown>>)[domain]?.[key]);
    expect(shape(fromKinds.client)).toEqual(shape(fromContract.client));
    for (const { client } of [fromKinds, fromContract]) {
      void client.containers.list({ all: true }).catch(() => undefined);
      client.containers.watch({}, { next: () => undefined }).dispose();
    }
    expect(fromKinds.sent).toEqual(fromContract.sent);
    expect(fromKinds.sent.map((m) => m.t)).toEqual(['call', 'sub', 'unsub']);
  });
});
