import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openComposeFile, upAndWait, useComposeSession } from './support/compose.js';
import { docker, testImage } from './support/docker-cli.js';

const project = `e2e-compose-svc-${Math.random().toString(36).slice(2, 8)}`;

const service = (name: string) => `  ${name}:
    image: ${testImage}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
`;
const composeFile = (...names: string[]) => `name: ${project}\nservices:\n${names.map(service).join('')}`;
const withProfiles = `name: ${project}-prof\nservices:\n${service('main')}${service('debug')}    profiles: [debug]\n`;

describe('compose: one service at a time, its containers, and what up will do after a change', () => {
  const app = useComposeSession([project, `${project}-prof`], (dir) => writeFileSync(path.join(dir, 'compose.yaml'), composeFile('api', 'cache')));
  const file = path.join(app.dir, 'compose.yaml');
  const row = (s: string) => app.services().locator(`tr[data-service="${s}"]`);
  const upWill = (s: string) => app.cell(s, 3).innerText();
  const step = (s: string) => app.cell(s, 4).getAttribute('data-step');

  it('stops and starts one service from its row; the others keep running and "Up will" follows', async () => {
    await openComposeFile(app.page, file);
    await upAndWait(app.page, project);
    for (const s of ['api', 'cache']) await expect.poll(() => step(s), { timeout: 10_000 }).toBe('running');

    await app.page.getByRole('button', { name: 'Stop api', exact: true }).click();
    await expect.poll(() => step('api'), { timeout: 15_000 }).toBe('exited');
    expect(await app.page.getByRole('status').allInnerTexts()).toContain('Stopped api (1 container)');
    expect(await docker('inspect', '-f', '{{.State.Running}}', `${project}-cache-1`)).toBe('true');
    // Up would now start it again: the column is read again, not left at "unchanged".
    await expect.poll(() => upWill('api'), { timeout: 10_000 }).toBe('start');
    expect(await upWill('cache')).toBe('unchanged');

    // A stop from outside Berth (the CLI) shows there too.
    await docker('stop', '-t', '1', `${project}-cache-1`);
    await expect.poll(() => upWill('cache'), { timeout: 15_000 }).toBe('start');

    await app.page.getByRole('button', { name: 'Start api', exact: true }).click();
    await expect.poll(() => step('api'), { timeout: 15_000 }).toBe('running');
    await expect.poll(() => upWill('api'), { timeout: 10_000 }).toBe('unchanged');
  });

  it('opens a service’s container from its row', async () => {
    const id = await docker('inspect', '-f', '{{.Id}}', `${project}-api-1`);
    await row('api').getByRole('link', { name: `${project}-api-1` }).click();
    await expect.poll(() => app.page.url()).toContain(`#/containers/${id}`);
    await expect.poll(() => app.page.getByRole('heading', { name: `${project}-api-1` }).count(), { timeout: 10_000 }).toBe(1);
    await app.page.goBack();
  });

  it('still lists a service removed from the file while it has a container, so it can be reached', async () => {
    writeFileSync(file, composeFile('api'));
    await app.page.getByRole('button', { name: 'Reload file' }).click();
    await expect.poll(() => row('cache').locator('td').first().innerText().catch(() => ''), { timeout: 10_000 }).toBe('cache (not in the files)');
    expect(await row('cache').getByRole('link', { name: `${project}-cache-1` }).count()).toBe(1);
  });

  it('names the services a profile leaves out, and up with the profile typed starts them', async () => {
    const profFile = path.join(app.dir, 'profiles.yaml');
    writeFileSync(profFile, withProfiles);
    await openComposeFile(app.page, profFile);
    await expect.poll(() => app.page.getByTestId('profile-off').innerText().catch(() => ''), { timeout: 10_000 }).toBe('Left out until one of their profiles is active: debug');
    expect(await row('debug').count()).toBe(0);
    const field = app.page.getByLabel('Active profiles');
    await field.fill('debug, -bad');
    await app.page.getByRole('button', { name: 'Apply' }).click();
    expect(await app.page.getByRole('alert').allInnerTexts()).toContain('"-bad" is not a profile name: letters, digits, "_", "." and "-", starting with a letter or digit');
    await field.fill('debug');
    await app.page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => upWill('debug').catch(() => ''), { timeout: 10_000 }).toBe('create');
    expect(await upAndWait(app.page, `${project}-prof`)).toContain(`Project "${project}-prof" is up (2 services)`);
    expect(await docker('inspect', '-f', '{{.State.Running}}', `${project}-prof-debug-1`)).toBe('true');
    // Without the profile, its running container is still listed, and said to be left out by it.
    await field.fill('');
    await app.page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => row('debug').locator('td').first().innerText().catch(() => ''), { timeout: 10_000 }).toBe('debug (its profile is not active)');
  });
});
