import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, removeContainers, TEST_IMAGE, testEngine, uniquePrefix } from '../testing/int-helpers.js';
import { connectContainer, disconnectContainer } from './network-ops.js';
import { engineNetworkReader } from './network-reader.js';

// Containers created with --network none, host or container:<other> cannot join other networks, nor
// leave "host"; the engine says so in its own words ("private (none) mode"), with the container's id
// the UI sent. Berth reads the container's network mode first and refuses by name, before asking;
// a container on "none" can leave it, and then join others.
const prefix = uniquePrefix('netiso');
const network = `${prefix}net`;
const engine = testEngine();
const reader = engineNetworkReader(engine);
const ids: Record<string, string> = {};

beforeAll(async () => {
  await docker('network', 'create', '--subnet', '10.213.52.0/24', network);
  for (const mode of ['none', 'host']) ids[mode] = await docker('run', '-d', '--name', `${prefix}${mode}`, '--network', mode, TEST_IMAGE, 'sleep', '600');
  ids.shared = await docker('run', '-d', '--name', `${prefix}shared`, '--network', `container:${ids.none}`, TEST_IMAGE, 'sleep', '600');
});

afterAll(async () => {
  await removeContainers(prefix);
  await docker('network', 'rm', network).catch(() => undefined);
});

describe('connecting containers that have no network of their own', () => {
  it('says a container on "none" has networking turned off, by name', async () => {
    await expect(connectContainer(engine, reader, { network, container: ids.none!, aliases: [] })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: `${prefix}none runs with networking turned off (the "none" network), so it cannot join ${network}; disconnect it from "none" first`,
    });
  });

  it('says a container on the host network shares the host’s, by name', async () => {
    await expect(connectContainer(engine, reader, { network, container: ids.host!, aliases: [] })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: `${prefix}host uses the host's network, so it cannot join ${network}; create it again on a network instead`,
    });
  });

  it('says a container on another container’s network uses that one, by name', async () => {
    await expect(connectContainer(engine, reader, { network, container: ids.shared!, aliases: [] })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: `${prefix}shared uses another container's network, so it cannot join ${network}; create it again on a network instead`,
    });
  });

  it('names a container already on the network, not by the id the UI sent', async () => {
    await expect(connectContainer(engine, reader, { network: 'host', container: ids.host!, aliases: [] })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining(`${prefix}host is already connected to host`),
    });
  });

  it('connects a container created on "none" once it has left "none", as the message says', async () => {
    const lone = await docker('run', '-d', '--name', `${prefix}lone`, '--network', 'none', TEST_IMAGE, 'sleep', '600');
    await disconnectContainer(engine, reader, 'none', lone, false);
    await connectContainer(engine, reader, { network, container: lone, aliases: [] });
    expect(await docker('inspect', '--format', '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}', lone)).toBe(network);
  });

  it('says a container cannot leave the host network', async () => {
    await expect(disconnectContainer(engine, reader, 'host', ids.host!, false)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `${prefix}host uses the host's network, which it cannot leave while it exists; create it again on another network instead`,
    });
  });
});
