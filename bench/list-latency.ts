import type { BerthApi } from '../contract/index.js';
import type { RunningBerth } from '../e2e/support/berth.js';
import { engineRequest } from './support/engine-http.js';
import { connectNodeClient, engineRunning } from './support/node-client.js';
import { fmt, mean, percentile } from './support/stats.js';

/** The goal for containers.list against the raw API, p50 over p50. */
const GOAL = 1.1;

interface Samples {
  berth: number[];
  raw: number[];
  /** A call answered by the back end without the engine (engine.status): the WebSocket and RPC round trip alone. */
  hop: number[];
}

async function measure(api: BerthApi, rounds: number): Promise<Samples> {
  const berth: number[] = [];
  const raw: number[] = [];
  const hop: number[] = [];
  for (let i = 0; i < 30; i++) {
    await api.containers.list({ all: true });
    await engineRequest('GET', '/containers/json?all=1');
  }
  for (let i = 0; i < rounds; i++) {
    // Interleaved, so both see the same engine and machine load.
    let t = performance.now();
    await api.containers.list({ all: true });
    berth.push(performance.now() - t);
    t = performance.now();
    await engineRequest('GET', '/containers/json?all=1');
    raw.push(performance.now() - t);
    t = performance.now();
    await api.engine.status({});
    hop.push(performance.now() - t);
  }
  return { berth, raw, hop };
}

/**
 * Prints the figures and returns the ratio. The round trip of a call that never reaches the engine
 * is printed beside them: it is what any call through the extra process costs (browser or renderer →
 * back end → engine, against a client that talks to the engine directly), the floor under the ratio.
 */
function report(label: string, count: number, m: Samples): number {
  const [berth, raw, hop] = [percentile(m.berth, 50), percentile(m.raw, 50), percentile(m.hop, 50)];
  const ratio = berth / raw;
  console.log(
    `containers.list over WebSocket, ${label} (${count} containers): p50 ${fmt(berth, 2)} ms, mean ${fmt(mean(m.berth), 2)} ms; ` +
      `raw GET /containers/json: p50 ${fmt(raw, 2)} ms, mean ${fmt(mean(m.raw), 2)} ms; ratio (p50) ${fmt(ratio, 2)}; ` +
      `Berth adds ${fmt(berth - raw, 2)} ms, of which the round trip to the back end (engine.status, no engine call) is ${fmt(hop, 2)} ms; ` +
      `without that hop the ratio would be ${fmt((berth - hop) / raw, 2)}`,
  );
  return ratio;
}

/**
 * `containers.list` over Berth's WebSocket versus raw `GET /containers/json` on the socket: once with
 * the engine's current containers, once with 100 more created for the run (a realistic list, where
 * the ratio is judged: with a near-empty list the fixed cost of one WebSocket round trip dominates).
 */
export async function benchListLatency(berth: RunningBerth, rounds = 300, extra = 100): Promise<{ ratio: number }> {
  const { api, close } = await connectNodeClient(berth.origin, berth.token);
  const prefix = `bench-list-${Date.now().toString(36)}`;
  const image = process.env.BERTH_TEST_IMAGE ?? 'berth-test/busybox:latest';
  try {
    await engineRunning(api);
    const before = (await api.containers.list({ all: true })).length;
    report('as found', before, await measure(api, rounds));
    for (let i = 0; i < extra; i++) {
      const r = await engineRequest('POST', `/containers/create?name=${prefix}-${i}`, {
        Image: image,
        Cmd: ['sleep', '1'],
        Labels: { 'com.docker.compose.project': `${prefix}-p${i % 5}` },
        ExposedPorts: { '80/tcp': {} },
        HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
      });
      if (r.status !== 201) throw new Error(`create failed: ${r.text}`);
    }
    const ratio = report(`with ${extra} more`, before + extra, await measure(api, rounds));
    console.log(`list ratio goal ≤ ${GOAL} at ${before + extra} containers — ${ratio <= GOAL ? 'met' : 'MISSED'}`);
    return { ratio };
  } finally {
    close();
    const list = await engineRequest('GET', `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ name: [prefix] }))}`);
    for (const c of JSON.parse(list.text) as { Id: string }[]) await engineRequest('DELETE', `/containers/${c.Id}?force=1`);
  }
}
