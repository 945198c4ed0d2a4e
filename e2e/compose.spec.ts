import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readyFileHealthcheck } from '../engine/testing/compose-project.js';
import { openApp } from './support/berth.js';
import { openComposeFile, upAndWait, useComposeSession } from './support/compose.js';
import { docker, testImage } from './support/docker-cli.js';

const project = `e2e-compose-${Math.random().toString(36).slice(2, 8)}`;
const port = 20_000 + Math.floor(Math.random() * 20_000);

const composeFile = (workerWord: string) => `name: ${project}
services:
  db:
    image: ${testImage}
    command: ["sh", "-c", "printf '\\\\033[32mdb-ready\\\\033[0m\\\\n'; touch /tmp/ready; while true; do sleep 1; done"]
${readyFileHealthcheck('1s', 30)}
  web:
    image: ${testImage}
    command: ["sh", "-c", "mkdir -p /www && echo hello-from-compose > /www/index.html && echo web-serving && httpd -f -p 80 -h /www"]
    ports:
      - "127.0.0.1:${port}:80"
    depends_on:
      db:
        condition: service_healthy
  worker:
    image: ${testImage}
    command: ["sh", "-c", "i=0; while true; i=$$((i+1)); do echo ${workerWord} $$i; sleep 1; done"]
    depends_on: [db]
    stop_grace_period: 1s
`;

describe('compose: open a file, up, merged logs, edit and up again, down', () => {
  const app = useComposeSession([project], (dir) => writeFileSync(path.join(dir, 'compose.yaml'), composeFile('worker-tick')));
  const file = path.join(app.dir, 'compose.yaml');
  const { services, cell } = app;
  const idOf = (service: string) => docker('inspect', '-f', '{{.Id}}', `${project}-${service}-1`);

  it('opens a typed path and shows the services, images and ports before up', async () => {
    await openComposeFile(app.page, file);
    await expect.poll(() => services().locator('tbody tr').count(), { timeout: 15_000 }).toBe(3);
    expect(await cell('web', 1).innerText()).toContain(testImage);
    expect(await cell('web', 2).innerText()).toBe(`127.0.0.1:${port}→80/tcp`);
    for (const s of ['db', 'web', 'worker']) expect(await cell(s, 3).innerText()).toBe('create');
    expect(await app.page.getByRole('heading', { name: project }).count()).toBe(1);
  });

  it('brings it up in order (web waits for a healthy db) and web answers through its port', async () => {
    await upAndWait(app.page, project);
    // Once the job is over the column shows the containers' live state, which the event stream brings.
    for (const s of ['db', 'web', 'worker']) await expect.poll(() => cell(s, 4).getAttribute('data-step'), { timeout: 10_000 }).toBe('running');
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect((await res.text()).trim()).toBe('hello-from-compose');
    const dbHealth = await docker('inspect', '-f', '{{.State.Health.Status}}', `${project}-db-1`);
    expect(dbHealth).toBe('healthy');
  });

  it('shows every service’s logs in one stream, and a filter narrows them', async () => {
    await app.page.getByRole('button', { name: 'Logs', exact: true }).click();
    const log = app.page.getByRole('log', { name: `Logs of ${project}` });
    const tags = () => log.locator('.merged-line__tag').allInnerTexts();
    await expect.poll(async () => [...new Set(await tags())].sort(), { timeout: 20_000 }).toEqual(['db', 'web', 'worker']);
    const texts = await log.locator('.log-line__text').allInnerTexts();
    // db writes its line in green (ANSI): shown coloured, without the escape sequences, as in a Logs tab.
    expect(texts).toEqual(expect.arrayContaining(['db-ready', 'web-serving']));
    expect(await log.locator('.log-line__text span', { hasText: /^db-ready$/ }).count()).toBeGreaterThan(0);
    await app.page.getByLabel('Search the merged logs').fill('worker-tick');
    await expect.poll(async () => [...new Set(await tags())], { timeout: 10_000 }).toEqual(['worker']);
    expect((await log.locator('.log-line__text').allInnerTexts()).every((t) => t.startsWith('worker-tick'))).toBe(true);
    await app.page.getByLabel('Regex').check();
    await app.page.getByLabel('Search the merged logs').fill('^(db|web)-');
    await expect.poll(async () => [...new Set(await tags())].sort(), { timeout: 10_000 }).toEqual(['db', 'web']);
    await app.page.getByRole('button', { name: 'Hide logs' }).click();
  });

  it('after an edit to one service, up recreates only that service', async () => {
    const before = { db: await idOf('db'), web: await idOf('web'), worker: await idOf('worker') };
    writeFileSync(file, composeFile('worker-edited'));
    // Coming back to the window from the editor reads the file again; no Reload click needed.
    await app.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => cell('worker', 3).innerText(), { timeout: 10_000 }).toBe('recreate');
    expect(await cell('db', 3).innerText()).toBe('unchanged');
    expect(await cell('web', 3).innerText()).toBe('unchanged');
    await upAndWait(app.page, project);
    expect(await idOf('db')).toBe(before.db);
    expect(await idOf('web')).toBe(before.web);
    expect(await idOf('worker')).not.toBe(before.worker);
  });

  it('on the Containers page, merges the logs of any selection', async () => {
    const { page: list } = await openApp(app.browser, app.berth, '#/containers');
    for (const s of ['db', 'worker']) await list.getByRole('checkbox', { name: `Select ${project}-${s}-1` }).check();
    await list.getByRole('button', { name: 'Merged logs of 2 selected' }).click();
    const log = list.getByRole('dialog').getByRole('log');
    const tags = async () => [...new Set(await log.locator('.merged-line__tag').allInnerTexts())].sort();
    await expect.poll(tags, { timeout: 20_000 }).toEqual([`${project}-db-1`, `${project}-worker-1`]);
    await list.close();
  });

  it('down says exactly what it removes, then removes it', async () => {
    await app.page.getByRole('button', { name: 'Down…' }).click();
    const dialog = app.page.getByRole('alertdialog');
    const plan = dialog.getByTestId('down-plan');
    await expect.poll(() => plan.innerText().catch(() => ''), { timeout: 10_000 }).toContain('3 containers');
    const listed = await plan.locator('code').allInnerTexts();
    expect(listed).toEqual([`${project}-db-1`, `${project}-web-1`, `${project}-worker-1`, `${project}_default`]);
    await dialog.getByRole('button', { name: 'Down', exact: true }).click();
    await expect.poll(() => app.page.getByRole('status').allInnerTexts(), { timeout: 30_000 }).toContain('Removed 3 containers, 1 network, 0 volumes, 0 images');
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`)).toBe('');
    expect(await docker('network', 'ls', '-q', '--filter', `name=^${project}_default$`)).toBe('');
  });
  it('shows each error of a bad file with its file, line and column, and creates nothing', async () => {
    const bad = path.join(app.dir, 'bad.yaml');
    writeFileSync(bad, `name: ${project}-bad\nservices:\n  web:\n    imgae: ${testImage}\n    ports: ["99999:80"]\n`);
    await openComposeFile(app.page, bad);
    const issues = app.page.getByRole('alert', { name: 'Errors in the compose file' });
    await expect.poll(() => issues.innerText().catch(() => ''), { timeout: 15_000 }).toContain(`${bad}:4:5`);
    expect(await issues.innerText()).toContain('"imgae" is not a compose key (did you mean "image"?)');
    if (process.env.BERTH_E2E_SCREENSHOT) await app.page.screenshot({ path: process.env.BERTH_E2E_SCREENSHOT });
    expect(await app.page.getByRole('button', { name: 'Up', exact: true }).isDisabled()).toBe(true);
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}-bad`)).toBe('');
  });
});
