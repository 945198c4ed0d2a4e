import { afterAll, describe, expect, it } from 'vitest';
import { useAppSession } from './support/session.js';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-rbnet';
const networks: string[] = [];

describe('recycle bin: restoring a container whose network was removed meanwhile', () => {
  const app = useAppSession(prefix);
  afterAll(async () => {
    await removeContainers(prefix);
    for (const n of networks) await docker('network', 'rm', n).catch(() => undefined);
  });

  it('names the network that is gone, makes nothing, and offers to make it again; that restores the container running on it', async () => {
    const name = uniqueName(prefix);
    const net = uniqueName(`${prefix}-net`);
    networks.push(net);
    await docker('network', 'create', net);
    await docker('run', '-d', '--name', name, '--network', net, testImage, 'sleep', '300');
    await app.page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
    await expect.poll(() => app.stateOf(name), { timeout: 10_000 }).toBe('running');
    await app.row(name).getByRole('button', { name: `Remove ${name}` }).click();
    const dialog = app.page.getByRole('dialog', { name: `Remove ${name}?` });
    await dialog.getByRole('checkbox', { name: /Force/ }).check();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => app.row(name).count(), { timeout: 15_000 }).toBe(0);
    await docker('network', 'rm', net);

    await app.page.goto(`${app.berth.url}#/containers/recently-removed`);
    const entry = app.page.getByRole('listitem', { name, exact: true });
    await entry.getByRole('button', { name: `Restore ${name}` }).click();
    const notice = app.page.locator('.ca-notice');
    await expect.poll(() => notice.innerText().catch(() => ''), { timeout: 20_000 }).toContain(`Could not restore ${name}: The network ${net} that ${name} was connected to is gone`);
    expect(await docker('ps', '-aq', '--filter', `name=^/${name}$`)).toBe('');
    expect(await entry.count()).toBe(1);

    await notice.getByRole('button', { name: `Create network ${net} and restore` }).click();
    await expect.poll(() => notice.innerText().catch(() => ''), { timeout: 20_000 }).toBe(`Restored ${name} and started it`);
    expect(await docker('inspect', '-f', '{{.State.Status}} {{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}', name)).toBe(`running ${net}`);
    await expect.poll(() => entry.count(), { timeout: 10_000 }).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
