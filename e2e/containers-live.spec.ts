import { describe, expect, it } from 'vitest';
import { freePort } from '../engine/testing/test-files.js';
import { useAppSession } from './support/session.js';
import { docker, testImage, uniqueName } from './support/docker-cli.js';

const prefix = 'berth-e2e-live';


describe('containers table, live from engine events', () => {
  const app = useAppSession(prefix);
  const { row, stateOf } = app;
  const filter = (text: string) => app.page.getByRole('searchbox', { name: 'Filter containers' }).fill(text);
  /** A shell that exits on SIGTERM. */
  const loop = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'];

  it('shows a container started with the docker CLI, then its stop and removal, without any reload', async () => {
    const name = uniqueName(prefix);
    const navigations: string[] = [];
    app.page.on('framenavigated', (f) => navigations.push(f.url()));

    await docker('run', '-d', '--name', name, '-p', '127.0.0.1::80', testImage, 'httpd', '-f', '-p', '80', '-h', '/www');
    await expect.poll(() => row(name).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => row(name).getByRole('cell').allInnerTexts(), { timeout: 10_000 }).toEqual(expect.arrayContaining([name, testImage]));
    await expect.poll(() => stateOf(name), { timeout: 10_000 }).toBe('running');
    const portText = (await row(name).innerText()).replace(/\s+/g, ' ');
    expect(portText).toMatch(/127\.0\.0\.1:\d+\s*→\s*80\/tcp/);

    await docker('stop', '-t', '1', name);
    await expect.poll(() => stateOf(name), { timeout: 10_000 }).toBe('exited');

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

  it('counts the seconds of a fresh status every 5 s, not every 30 s', async () => {
    const name = uniqueName(prefix);
    const context = await app.browser.newContext();
    const clocked = await context.newPage();
    await clocked.clock.install({ time: new Date() });
    await clocked.goto(app.berth.url + '#/containers');
    await clocked.getByRole('table', { name: 'Containers' }).waitFor({ timeout: 15_000 });
    await docker('run', '-d', '--name', name, testImage, 'sleep', '300');
    const status = async () =>
      (await clocked.getByRole('row', { name, exact: true }).getByRole('cell').allInnerTexts()).map((t) => t.trim().split('\n')[0]!).find((t) => t.startsWith('Up ')) ?? '';
    await expect.poll(status, { timeout: 10_000 }).toMatch(/^Up (Less than a second|[1-4] seconds?)$/);
    // 11 s later (two ticks of the 5 s clock, well before the 30 s clock's next one, which began with
    // the list) the text has moved on.
    await clocked.clock.fastForward(11_000);
    await expect.poll(status, { timeout: 3_000 }).toMatch(/^Up ([6-9]|1\d) seconds$/);
    // Past the first minute it reads "About a minute" (and the row leaves the fast clock).
    await clocked.clock.fastForward(60_000);
    await expect.poll(status, { timeout: 3_000 }).toBe('Up About a minute');
    await context.close();
    await docker('rm', '-f', name);
  });

  it('a failed start\'s notice can be dismissed, and goes by itself once its container is removed or starts', async () => {
    const group = uniqueName(prefix);
    const [holder, a, b] = [`${group}-holder`, `${group}-a`, `${group}-b`];
    const port = await freePort();
    await docker('run', '-d', '--name', holder, '-p', `127.0.0.1:${port}:80`, testImage, ...loop);
    for (const n of [a, b]) await docker('create', '--name', n, '-p', `127.0.0.1:${port}:80`, testImage, ...loop);
    try {
      await filter(group);
      for (const n of [a, b]) await expect.poll(() => stateOf(n), { timeout: 10_000 }).toBe('created');
      const failed = (n: string) => app.page.getByRole('alert').filter({ hasText: `Could not start ${n}` });
      const start = async (n: string) => {
        await row(n).getByRole('button', { name: `Start ${n}`, exact: true }).click();
        await expect.poll(() => failed(n).count(), { timeout: 10_000 }).toBe(1);
        expect(await failed(n).innerText()).toContain(`Port ${port} is already in use`);
      };

      await start(a);
      // It stays across navigation until dismissed.
      await app.page.evaluate(() => (location.hash = '#/images'));
      await expect.poll(() => app.page.getByRole('heading', { level: 1 }).innerText(), { timeout: 10_000 }).toBe('Images');
      await app.page.evaluate(() => (location.hash = '#/containers'));
      await expect.poll(() => failed(a).count(), { timeout: 10_000 }).toBe(1);
      await failed(a).getByRole('button', { name: 'Dismiss' }).click();
      expect(await failed(a).count()).toBe(0);

      // Removed (here from the CLI): its notice goes; the other container's stays.
      await filter(group);
      await start(a);
      await start(b);
      await docker('rm', '-f', a);
      await expect.poll(() => failed(a).count(), { timeout: 10_000 }).toBe(0);
      expect(await failed(b).count()).toBe(1);

      // Started once the port is free: its notice goes too.
      await docker('rm', '-f', holder);
      await row(b).getByRole('button', { name: `Start ${b}`, exact: true }).click();
      await expect.poll(() => stateOf(b), { timeout: 10_000 }).toBe('running');
      await expect.poll(() => failed(b).count(), { timeout: 10_000 }).toBe(0);
      expect(app.errors).toEqual([]);
    } finally {
      await docker('rm', '-f', holder, a, b).catch(() => undefined);
      await filter('');
    }
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
