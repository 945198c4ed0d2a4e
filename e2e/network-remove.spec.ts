import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, removeContainers, testImage, uniqueName } from './support/docker-cli.js';
import { closeSession, openSession, type AppSession } from './support/session.js';

const prefix = 'berth-e2e-netremove';
const ctr = uniqueName(prefix);
const net = uniqueName(prefix);

describe('removing a network a running container is on', () => {
  let app: AppSession;

  beforeAll(async () => {
    await docker('run', '-d', '--name', ctr, testImage, 'sleep', '600');
    await docker('network', 'create', net);
    await docker('network', 'connect', net, ctr);
    app = await openSession('#/networks', (page) => page.getByRole('table', { name: 'Networks' }).waitFor());
  });

  afterAll(async () => {
    expect(await closeSession(app)).toBe(0);
    await removeContainers(prefix);
    await docker('network', 'rm', net).catch(() => undefined);
  });

  it('says the container is disconnected first, offers exactly that, and does it: the network goes, the container keeps running', async () => {
    const { page } = app;
    const row = page.getByRole('table', { name: 'Networks' }).getByRole('row', { name: net, exact: true });
    await row.getByRole('list', { name: `Containers on ${net}` }).waitFor({ timeout: 10_000 });
    await row.getByRole('button', { name: `Remove ${net}` }).click();
    const d = page.getByRole('alertdialog', { name: `Remove network ${net}?` });
    expect(await d.innerText()).toContain(`Used by running container ${ctr}: it is disconnected from it first, and keeps running.`);
    await d.getByRole('button', { name: 'Disconnect it and remove' }).click();
    await d.waitFor({ state: 'detached', timeout: 10_000 });
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await docker('network', 'ls', '-q', '--filter', `name=${net}`)).toBe('');
    expect(await docker('inspect', '--format', '{{.State.Running}}', ctr)).toBe('true');
    expect(app.errors).toEqual([]);
  });
});
