import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from './load-project.js';

const root = mkdtempSync(path.join(tmpdir(), 'berth-order-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the errors of a compose file', () => {
  it('come in the order of the file, whatever check found them', async () => {
    const file = path.join(root, 'compose.yaml');
    // Found by three checks: a service's network option, a volume's key, a network's key.
    writeFileSync(
      file,
      `services:
  a:
    image: busybox
    networks:
      front:
        ipv4_address: 10.5.0.5
volumes:
  data:
    driver_opts: {type: none}
networks:
  front:
    ipam: {}
`,
    );
    const r = await loadProject({ files: [file], env: {} });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.path])).toEqual([
      [6, 'services.a.networks.front.ipv4_address'],
      [9, 'volumes.data.driver_opts'],
      [12, 'networks.front.ipam'],
    ]);
  });
});
