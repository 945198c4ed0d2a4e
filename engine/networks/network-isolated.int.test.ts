import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, removeContainers, TEST_IMAGE, testEngine, uniquePrefix } from '../testing/int-helpers.js';
import { connectContainer, disconnectContainer } from './network-ops.js';
import { engineNetworkReader } from './network-reader.js';

// Containers created with --network none or host cannot join other networks, nor leave "host"; the
// engine says so in its own words ("private (none) mode"), with the container's id the UI sent.
const prefix = uniquePrefix('netiso');
const network = `${prefix}net`;
const engine = testEngine();
const reader = engineNetworkReader(engine);
const ids: Record<string, string> = {};

beforeAll(async () => {
  await docker('network', 'create', '--subnet', '10.213.52.0/24', network);
  for (const mode of ['none', 'host']) ids[mode] = await docker('run', '-d', '--name', `${prefix}${mode}`, '--network', mode, TEST_IMAGE, 'sleep', '600');
});

afterAll(async () => {
  await removeContainers(prefix);
  await docker('network', 'rm', network).catch(() => undefined);
});

describe('connecting containers that have no network of their own', () => {
  it('says a container on "none" has networking turned off, by name', async () => {
    await expect(connectContainer(engine, reader, { network, container: ids.none!, aliases: [] })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `${prefix}none runs with networking turned off (the "none" network), so it cannot join ${network}; create it again on a network instead`,
    });
  });

  it('says a container on the host network shares the host’s, by name', async () => {
    await expect(connectContainer(engine, reader, { network, container: ids.host!, aliases: [] })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `${prefix}host uses the host's network (or another container's), so it cannot join ${network}; create it again on a network instead`,
    });
  });

  it('says a container cannot leave the host network', async () => {
    await expect(disconnectContainer(engine, reader, 'host', ids.host!, false)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `${prefix}host uses the host's network, which it cannot leave while it exists; create it again on another network instead`,
    });
  });
});
