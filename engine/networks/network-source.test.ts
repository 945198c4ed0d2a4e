import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../contract/model.js';
import type { NetworkSummary } from '../../contract/models/networks.js';
import type { NetworkReader } from './network-reader.js';
import { networkSource } from './network-source.js';

const reader: NetworkReader = { all: async () => [], some: async () => new Map(), attachments: async () => new Map() };
const ev = (type: string, action: string, attributes: Record<string, string> = {}): EngineEvent => ({ type, action, id: 'n1', attributes, time: 0 });
const net = (containers: NetworkSummary['containers']) => ({ id: 'n1', containers }) as NetworkSummary;

describe('network live source', () => {
  const source = networkSource(reader);

  it('removes on destroy, and re-reads on create', () => {
    expect(source.route(ev('network', 'destroy'))).toEqual({ key: 'n1', op: 'remove' });
    expect(source.route(ev('network', 'create'))).toEqual({ key: 'n1', op: 'refresh' });
    expect(source.route(ev('container', 'start'))).toBeUndefined();
  });

  it('a connect waits until the container shows; a disconnect until it has no address there', () => {
    const connect = source.route(ev('network', 'connect', { container: 'c1' }))!;
    expect(connect.expect!(net([]))).toBe(false);
    expect(connect.expect!(net([{ id: 'c1', name: 'web', state: 'running', aliases: [] }]))).toBe(true);
    const disconnect = source.route(ev('network', 'disconnect', { container: 'c1' }))!;
    expect(disconnect.expect!(net([{ id: 'c1', name: 'web', state: 'running', ipv4: '10.0.0.2', aliases: [] }]))).toBe(false);
    expect(disconnect.expect!(net([{ id: 'c1', name: 'web', state: 'exited', aliases: [] }]))).toBe(true);
  });

  it('container events re-read attachments once for all networks, until states agree', async () => {
    const refresh = source.refreshes![0]!;
    expect(refresh.on!(ev('container', 'pause'))).toBe(true);
    expect(refresh.on!(ev('container', 'exec_start: sh'))).toBe(false);
    const known = new Map([['n1', net([{ id: 'c1', name: 'web', state: 'running', aliases: [] }])]]);
    const paused = new Map([['n1', [{ id: 'c1', name: 'web', state: 'paused', aliases: [] }]]]);
    const r = await networkSource({ ...reader, attachments: async () => paused }).refreshes![0]!.run({ known, signal: new AbortController().signal, events: [{ ...ev('container', 'pause'), id: 'c1' }] });
    expect(r.changed.map((n) => n.containers[0]!.state)).toEqual(['paused']);
    expect(r.settled).toBe(true);
    // dockerd 20.10 can list the old state just after `pause`: not settled, so the watch reads again.
    const running = new Map([['n1', [{ id: 'c1', name: 'web', state: 'running', aliases: [] }]]]);
    const stale = await networkSource({ ...reader, attachments: async () => running }).refreshes![0]!.run({ known, signal: new AbortController().signal, events: [{ ...ev('container', 'pause'), id: 'c1' }] });
    expect(stale).toEqual({ changed: [], settled: false });
  });
});
