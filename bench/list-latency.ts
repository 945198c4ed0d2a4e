import type { BerthApi } from '../contract/index.js';
import type { RunningBerth } from '../e2e/support/berth.js';
import { engineRequest } from './support/engine-http.js';
import { connectNodeClient, engineRunning } from './support/node-client.js';
import { fmt, mean, percentile } from './support/stats.js';

async function measure(api: BerthApi, rounds: number): Promise<{ berth: number[]; raw: number[] }> {
  const berth: number[] = [];
  const raw: number[] = [];
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
  }
  return { berth, raw };
}

function report(label: string, count: number, m: { berth: number[]; raw: number[] }): number {
  const ratio = percentile(m.berth, 50) / percentile(m.raw, 50);
  console.log(
    `containers.list over WebSocket, ${label} (${count} containers): p50 ${fmt(percentile(m.berth, 50), 2)} ms, mean ${fmt(mean(m.berth), 2)} ms; ` +
      `raw GET /containers/json: p50 ${fmt(percentile(m.raw, 50), 2)} ms, mean ${fmt(mean(m.raw), 2)} ms; ratio (p50) ${fmt(ratio, 2)}; ` +
      `Berth adds ${fmt(percentile(m.berth, 50) - percentile(m.raw, 50), 2)} ms`,
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
    console.log(`list ratio target ≤ 1.3 at ${before + extra} containers — ${ratio <= 1.3 ? 'met' : 'MISSED'}`);
    return { ratio };
  } finally {
    close();
    const list = await engineRequest('GET', `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ name: [prefix] }))}`);
    for (const c of JSON.parse(list.text) as { Id: string }[]) await engineRequest('DELETE', `/containers/${c.Id}?force=1`);
  }
}
