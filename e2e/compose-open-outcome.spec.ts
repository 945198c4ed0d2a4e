import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeComposeProject } from '../engine/testing/int-helpers.js';
import { openComposeFile, useComposeSession } from './support/compose.js';
import { docker, testImage } from './support/docker-cli.js';

const rand = Math.random().toString(36).slice(2, 8);
const project = `e2e-oneshot-${rand}`;
/** A project joining a network another project made (same key), and a project whose network name a hand-made network holds. */
const guest = `e2e-netguest-${rand}`;
const clash = `e2e-netclash-${rand}`;
const sharedNet = `e2e-shared-net-${rand}`;
const handNet = `e2e-hand-net-${rand}`;
/** A project whose volume name (`<project>_data`) a hand-made volume holds. */
const volHand = `e2e-volhand-${rand}`;
const handVol = `${volHand}_data`;
const joins = (name: string, net: string) =>
  `name: ${name}\nservices:\n  app:\n    image: ${testImage}\n    command: ["sleep", "600"]\n    stop_grace_period: 1s\n    networks: [proxy]\nnetworks:\n  proxy:\n    name: ${net}\n`;

describe('compose: a path that is not there, and an up whose one-shot fails', () => {
  const app = useComposeSession([project, guest, clash, volHand], async (dir) => {
    writeFileSync(
      path.join(dir, 'compose.yaml'),
      `name: ${project}\nservices:\n  app:\n    image: ${testImage}\n    command: ["sleep", "600"]\n    stop_grace_period: 1s\n  seed:\n    image: ${testImage}\n    command: ["sh", "-c", "exit 3"]\n`,
    );
    for (const [sub, name, net] of [['guest', guest, sharedNet], ['clash', clash, handNet]] as const) {
      mkdirSync(path.join(dir, sub));
      writeFileSync(path.join(dir, sub, 'compose.yaml'), joins(name, net));
    }
    await docker('network', 'create', '--label', 'com.docker.compose.project=someone-else', '--label', 'com.docker.compose.network=proxy', sharedNet);
    await docker('network', 'create', handNet);
    mkdirSync(path.join(dir, 'volhand'));
    writeFileSync(
      path.join(dir, 'volhand', 'compose.yaml'),
      `name: ${volHand}\nservices:\n  app:\n    image: ${testImage}\n    command: ["sleep", "600"]\n    stop_grace_period: 1s\n    volumes: [data:/data]\nvolumes:\n  data:\n`,
    );
    await docker('volume', 'create', handVol);
  });
  // Runs before the session's own cleanup: the guest's container still holds the shared network.
  afterAll(async () => {
    await removeComposeProject(guest);
    await removeComposeProject(volHand);
    for (const n of [sharedNet, handNet]) await docker('network', 'rm', n).catch(() => undefined);
    await docker('volume', 'rm', '-f', handVol).catch(() => undefined);
  });
  const rows = () => app.page.locator('.compose-list__item').allInnerTexts();
  const opened = () => app.page.evaluate(() => localStorage.getItem('berth.compose.opened') ?? '[]');

  it('refuses a compose file path that does not exist, says why, and lists nothing', async () => {
    const gone = path.join(app.dir, 'nowhere', 'compose.yaml');
    const before = await rows();
    await openComposeFile(app.page, gone);
    const alert = app.page.getByRole('form', { name: 'Open a compose project' }).getByRole('alert');
    await expect.poll(() => alert.innerText().catch(() => ''), { timeout: 15_000 }).toBe(`Nothing was opened: The compose file ${gone} does not exist`);
    expect(await rows()).toEqual(before);
    expect(await opened()).toBe('[]');
    expect(await app.page.locator('.compose-panel').count()).toBe(0);
  });

  it('up names the one-shot service that exited non-zero and its code, not "is up"; the list counts services', async () => {
    await openComposeFile(app.page, path.join(app.dir, 'compose.yaml'));
    await expect.poll(() => app.page.locator('.compose-panel__head h2').innerText().catch(() => ''), { timeout: 15_000 }).toBe(project);
    // The form's earlier refusal is gone once a path opens.
    expect(await app.page.getByRole('form', { name: 'Open a compose project' }).getByRole('alert').count()).toBe(0);
    await app.page.getByRole('button', { name: 'Up', exact: true }).click();
    const outcome = () => app.page.locator('.compose-done, .compose-error').first().innerText().catch(() => '');
    // Said by up itself (the exit came within its look), or right after from the live list (it came later).
    await expect.poll(outcome, { timeout: 60_000 }).toMatch(/^Service "seed" exited with code 3$|; since then, service "seed" exited with code 3$/);
    expect(await app.page.locator('.compose-done').count()).toBe(0);
    await expect.poll(() => app.cell('seed', 4).getAttribute('data-step'), { timeout: 15_000 }).toMatch(/^(failed|exited)$/);
    // Two services, one running: not "1/2 running" of containers, nor a count a one-shot skews unsaid.
    await expect.poll(() => app.page.locator('.compose-list__item').filter({ hasText: project }).innerText()).toContain('1/2 services running');
    expect(await app.page.locator('.compose-panel__head').innerText()).toContain('1 of 2 services running');
  });

  it('up says it joined a network another project made, and refuses one made by hand, naming the label', async () => {
    const outcome = () => app.page.locator('.compose-done, .compose-error').first().innerText().catch(() => '');
    await openComposeFile(app.page, path.join(app.dir, 'guest'));
    await expect.poll(() => app.page.locator('.compose-panel__head h2').innerText().catch(() => ''), { timeout: 15_000 }).toBe(guest);
    await app.page.getByRole('button', { name: 'Up', exact: true }).click();
    await expect.poll(outcome, { timeout: 60_000 }).toBe(`Project "${guest}" is up (1 service)`);
    expect(await app.page.getByRole('list', { name: 'Up notices' }).innerText()).toBe(
      `a network named ${sharedNet} exists but was created for project "someone-else"; it is shared with it (mark it "external: true" to say so)`,
    );

    await openComposeFile(app.page, path.join(app.dir, 'clash'));
    await expect.poll(() => app.page.locator('.compose-panel__head h2').innerText().catch(() => ''), { timeout: 15_000 }).toBe(clash);
    await app.page.getByRole('button', { name: 'Up', exact: true }).click();
    await expect.poll(outcome, { timeout: 60_000 }).toBe(
      `Network ${handNet} was found but has incorrect label com.docker.compose.network set to "" (expected "proxy"): it was not created by compose. Remove it, or mark the network "external: true" in the file to use it as it is`,
    );
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${clash}`)).toBe('');
  });

  it('up says it reused a volume of the project’s name that compose did not make, as docker compose v2 warns', async () => {
    const outcome = () => app.page.locator('.compose-done, .compose-error').first().innerText().catch(() => '');
    await openComposeFile(app.page, path.join(app.dir, 'volhand'));
    await expect.poll(() => app.page.locator('.compose-panel__head h2').innerText().catch(() => ''), { timeout: 15_000 }).toBe(volHand);
    await app.page.getByRole('button', { name: 'Up', exact: true }).click();
    await expect.poll(outcome, { timeout: 60_000 }).toBe(`Project "${volHand}" is up (1 service)`);
    expect(await app.page.getByRole('list', { name: 'Up notices' }).innerText()).toBe(
      `a volume named ${handVol} exists but was not created by compose; it is used as it is, with its data (mark it "external: true" to say so)`,
    );
  });
});
