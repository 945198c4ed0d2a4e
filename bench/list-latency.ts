import type { RunningBerth } from '../e2e/support/berth.js';
import { engineRequest } from './support/engine-http.js';
import { connectNodeClient } from './support/node-client.js';
import { fmt, mean, percentile } from './support/stats.js';

/** `containers.list` over Berth's WebSocket versus raw `GET /containers/json` on the socket. */
export async function benchListLatency(berth: RunningBerth, rounds = 300): Promise<{ ratio: number }> {
  const { api, close } = await connectNodeClient(berth.origin, berth.token);
  try {
    const viaBerth: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < 30; i++) {
      await api.containers.list({ all: true });
      await engineRequest('GET', '/containers/json?all=1');
    }
    for (let i = 0; i < rounds; i++) {
      // Interleave so both see the same engine load.
      let t = performance.now();
      await api.containers.list({ all: true });
      viaBerth.push(performance.now() - t);
      t = performance.now();
      await engineRequest('GET', '/containers/json?all=1');
      raw.push(performance.now() - t);
    }
    const count = (await api.containers.list({ all: true })).length;
    const ratio = percentile(viaBerth, 50) / percentile(raw, 50);
    console.log(
      `containers.list over WebSocket (${count} containers, ${rounds} rounds): p50 ${fmt(percentile(viaBerth, 50), 2)} ms, mean ${fmt(mean(viaBerth), 2)} ms; ` +
        `raw GET /containers/json: p50 ${fmt(percentile(raw, 50), 2)} ms, mean ${fmt(mean(raw), 2)} ms; ratio (p50) ${fmt(ratio, 2)} (target ≤ 1.3) — ${ratio <= 1.3 ? 'met' : 'MISSED'}`,
    );
    return { ratio };
  } finally {
    close();
  }
}
