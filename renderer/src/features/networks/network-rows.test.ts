import { describe, expect, it } from 'vitest';
import type { NetworkSummary } from '../../../../contract/models/networks.js';
import { selectNetworkRows } from './network-rows.js';

const net = (name: string, builtIn = false) => ({ id: name, shortId: name, name, driver: 'bridge', builtIn, ipam: [], containers: [], labels: {} }) as unknown as NetworkSummary;

describe('selectNetworkRows', () => {
  it('orders names as people read them (net-2 before net-10, case ignored), the engine’s own networks last', () => {
    const rows = selectNetworkRows([net('net-10'), net('bridge', true), net('Net-3'), net('net-2'), net('host', true)], '');
    // Before: net-10, net-2, Net-3 (plain string order).
    expect(rows.map((n) => n.name)).toEqual(['net-2', 'Net-3', 'net-10', 'bridge', 'host']);
  });
});
