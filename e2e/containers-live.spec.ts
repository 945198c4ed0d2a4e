import { describe, expect, it } from 'vitest';
import { useAppSession } from './support/session.js';
import { docker, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-live';

describe('containers table, live from engine events', () => {
  const app = useAppSession(prefix);
  const { row } = app;

  it('shows a container started with the docker CLI, then its stop and removal, without any reload', async () => {
    const name = uniqueName(prefix);
    const navigations: string[] = [];
    app.page.on('framenavigated', (f) => navigations.push(f.url()));

    await docker('run', '-d', '--name', name, '-p', '127.0.0.1::80', testImage, 'httpd', '-f', '-p', '80', '-h', '/www');
    await expect.poll(() => row(name).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => row(name).getByRole('cell').allInnerTexts(), { timeout: 10_000 }).toEqual(
      expect.arrayContaining([name, testImage, 'running']),
    );
    const portText = (await row(name).innerText()).replace(/\s+/g, ' ');
    expect(portText).toMatch(/127\.0\.0\.1:\d+\s*→\s*80\/tcp/);

    await docker('stop', '-t', '1', name);
    await expect.poll(() => row(name).getByRole('cell').allInnerTexts(), { timeout: 10_000 }).toEqual(expect.arrayContaining(['exited']));

    await docker('rm', name);
    await expect.poll(() => row(name).count(), { timeout: 10_000 }).toBe(0);

    expect(navigations).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it('groups compose projects under their project name', async () => {
    const project = uniqueName('berthproj');
    const name = uniqueName(prefix);
    await docker('run', '-d', '--name', name, '--label', `com.docker.compose.project=${project}`, '--label', 'com.docker.compose.service=web', testImage, 'sleep', '300');
    await expect.poll(() => app.page.getByRole('row', { name: new RegExp(project) }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => row(name).count(), { timeout: 10_000 }).toBe(1);
    // The group row comes before its container's row.
    const names = await app.page.getByRole('row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    const groupIdx = names.findIndex((n) => n.includes(project));
    expect(groupIdx).toBeGreaterThanOrEqual(0);
    expect(names.indexOf(name)).toBeGreaterThan(groupIdx);
    await docker('rm', '-f', name);
  });

  it('keeps "Up …" current as time passes, without any engine event', async () => {
    const name = uniqueName(prefix);
    const context = await app.browser.newContext();
    const clocked = await context.newPage();
    await clocked.clock.install({ time: new Date() });
    await clocked.goto(app.berth.url + '#/containers');
    await docker('run', '-d', '--name', name, testImage, 'sleep', '300');
    const status = async () =>
      (await clocked.getByRole('row', { name, exact: true }).getByRole('cell').allInnerTexts()).map((t) => t.trim().split('\n')[0]!).find((t) => t.startsWith('Up ')) ?? '';
    await expect.poll(status, { timeout: 10_000 }).toMatch(/^Up (Less than a second|\d+ seconds?)$/);
    // The page's clock began before the container did: 5½ minutes ahead is at least 5 minutes since its start.
    await clocked.clock.fastForward('05:30');
    await expect.poll(status, { timeout: 10_000 }).toMatch(/^Up [5-7] minutes$/);
    await context.close();
    await docker('rm', '-f', name);
  });

  it('follows docker pause and unpause from a terminal in every round (the engine lists them late)', async () => {
    const name = uniqueName(prefix);
    await docker('run', '-d', '--name', name, testImage, 'sleep', '300');
    await expect.poll(() => app.stateOf(name), { timeout: 10_000 }).toBe('running');
    for (let round = 0; round < 5; round++) {
      await docker('pause', name);
      await expect.poll(() => app.stateOf(name), { timeout: 5000 }).toBe('paused');
      await docker('unpause', name);
      await expect.poll(() => app.stateOf(name), { timeout: 5000 }).toBe('running');
    }
    await docker('rm', '-f', name);
  });
});
