import { beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../contract/api.js';
import type { ContainerStatsEvent, ExecEvent, StatsSummaryEvent } from '../../contract/models/container-exec.js';
import { createDispatcher, type ServerMessage } from '../../contract/rpc.js';
import { isResizeAfterEnd } from '../exec/exec-messages.js';
import { ctx, docker, nextMatching, TEST_IMAGE, testEngine, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';

const prefix = uniquePrefix('h3d');
let busy: string;

const bed = useTestBackend(prefix, { removeContainers: true });

beforeAll(async () => {
  busy = await docker('run', '-d', '--name', `${prefix}busy`, TEST_IMAGE, 'sh', '-c', 'while :; do :; done');
});

const call = (connectionId: string, signal = new AbortController().signal) => ({ connectionId, signal });

/** Collect output until it contains `text`. */
async function readUntil(it: AsyncIterator<ExecEvent>, text: string, seen: ExecEvent[] = []): Promise<string> {
  let out = '';
  await nextMatching(it, (e) => e.kind === 'output' && (out += e.data).includes(text), 20_000, seen);
  return out;
}

describe('exec against the real dockerd', () => {
  it('runs a shell with a TTY: input, output, resize, exit code; input from another connection is refused', async () => {
    const ctl = new AbortController();
    const api = bed.backend.impl.containers;
    const it = api.exec({ id: busy, command: 'sh', cols: 100, rows: 30, attach: false }, call('conn-a', ctl.signal))[Symbol.asyncIterator]();
    const ready = await nextMatching(it, (e) => e.kind === 'ready');
    expect(ready).toMatchObject({ kind: 'ready', attached: false, tty: true });
    const session = ready.kind === 'ready' ? ready.session : '';

    await api.execInput({ session, data: 'echo hi-$((40+2))\n' }, call('conn-a'));
    expect(await readUntil(it, 'hi-42')).toContain('hi-42');

    await api.execResize({ session, cols: 123, rows: 45 }, call('conn-a'));
    // The pty resize lands asynchronously on a busy machine: ask a few times.
    let size = '';
    for (let i = 0; i < 5 && !size.includes('45 123'); i++) {
      await api.execInput({ session, data: 'stty size; echo size-$((1+1))\n' }, call('conn-a'));
      size = await readUntil(it, 'size-2');
    }
    expect(size).toContain('45 123');

    // Another window cannot type into this session.
    await expect(api.execInput({ session, data: 'echo x\n' }, call('conn-b'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.execResize({ session, cols: 10, rows: 10 }, call('conn-b'))).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await api.execInput({ session, data: 'exit 7\n' }, call('conn-a'));
    const exit = await nextMatching(it, (e) => e.kind === 'exit');
    expect(exit).toEqual({ kind: 'exit', code: 7 });
    await expect(it.next()).resolves.toMatchObject({ done: true });
    // The session is gone once it ended.
    await expect(api.execInput({ session, data: 'x' }, call('conn-a'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps multi-byte characters whole and closes the session on unsubscribe', async () => {
    const ctl = new AbortController();
    const api = bed.backend.impl.containers;
    const it = api.exec({ id: busy, command: ['sh'], cols: 80, rows: 24, attach: false }, call('conn-a', ctl.signal))[Symbol.asyncIterator]();
    const ready = await nextMatching(it, (e) => e.kind === 'ready');
    const session = ready.kind === 'ready' ? ready.session : '';
    await api.execInput({ session, data: "printf 'caf\\303\\251 \\360\\237\\232\\242 done\\n'\n" }, call('conn-a'));
    const out = await readUntil(it, 'done\r\n');
    expect(out).toContain('café 🚢 done');
    expect(out).not.toContain('\uFFFD');
    // A program running in the shell when the tab closes ends with it (the engine alone would leave it running).
    await api.execInput({ session, data: 'sleep 4321\n' }, call('conn-a'));
    const sleeping = async () => (await docker('exec', busy, 'ps', '-o', 'args')).includes('sleep 4321');
    await expect.poll(sleeping, { timeout: 10_000 }).toBe(true);
    ctl.abort();
    await expect(it.next()).resolves.toMatchObject({ done: true });
    await expect(api.execInput({ session, data: 'x' }, call('conn-a'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect.poll(sleeping, { timeout: 10_000, interval: 250 }).toBe(false);
  });

  it('a window that disconnects loses its sessions: the shell process in the container ends', async () => {
    const shells = async () => (await docker('exec', busy, 'ps', '-o', 'args')).split('\n').filter((l) => l.trim() === '/bin/sh').length;
    const before = await shells();
    const messages: ServerMessage[] = [];
    const conn = createDispatcher(contract, bed.backend.impl, { batchMs: 1 }).connect({ send: (m) => messages.push(m) }, 'window-1');
    conn.handle({ t: 'sub', id: 1, name: 'containers.exec', args: { id: busy, command: 'sh' } });
    const deadline = Date.now() + 20_000;
    while (!messages.some((m) => m.t === 'events') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const ready = messages.flatMap((m) => (m.t === 'events' ? (m.events as ExecEvent[]) : [])).find((e) => e.kind === 'ready');
    expect(ready).toBeDefined();
    expect(await shells()).toBe(before + 1);
    conn.close();
    let after = before + 1;
    for (let i = 0; i < 40 && after > before; i++) {
      await new Promise((r) => setTimeout(r, 250));
      after = await shells();
    }
    expect(after).toBe(before);
  });

  it('knows the engine’s answers to a resize that raced the end of the process, and nothing else, as moot', async () => {
    const engine = testEngine();
    const refusal = (p: Promise<unknown>) => p.then(() => undefined, (err: unknown) => err);
    const resize = (path: string) => refusal(engine.json({ method: 'POST', path, query: { h: 10, w: 10 } }));
    const stopped = await docker('run', '-d', '--name', `${prefix}rz`, TEST_IMAGE, 'sh', '-c', 'while :; do sleep 1; done');
    const { Id: exec } = await engine.json<{ Id: string }>({ method: 'POST', path: `/containers/${stopped}/exec`, body: { Cmd: ['true'], Tty: true, AttachStdout: true } });
    await engine.json({ method: 'POST', path: `/exec/${exec}/start`, body: { Detach: true, Tty: true } });
    await expect.poll(async () => (await engine.json<{ Running: boolean }>({ method: 'GET', path: `/exec/${exec}/json` })).Running, { timeout: 10_000 }).toBe(false);
    // The exec's process has ended: 404 "no such exec" (or, right at its end, containerd's "not found";
    // or the engine still resizes it without complaint). Either way nothing reaches the terminal.
    const ended = await resize(`/exec/${exec}/resize`);
    // The engine's answer is in the failure message: toMatchObject hid it when it was not moot.
    expect(ended === undefined || isResizeAfterEnd(ended), `the engine answered ${JSON.stringify({ statusCode: (ended as { statusCode?: unknown } | undefined)?.statusCode, message: String(ended) })}`).toBe(true);
    await docker('stop', '-t', '0', stopped);
    // The container has stopped: 500 "… is not running" for the exec, 409 for an attached TTY.
    expect(isResizeAfterEnd(await resize(`/exec/${exec}/resize`))).toBe(true);
    expect(isResizeAfterEnd(await resize(`/containers/${stopped}/resize`))).toBe(true);
    // A refusal for another reason is not moot.
    const bad = await refusal(engine.json({ method: 'POST', path: `/containers/${busy}/resize`, query: { h: 'tall', w: 10 } }));
    expect(bad).toMatchObject({ statusCode: 400 });
    expect(isResizeAfterEnd(bad)).toBe(false);
    expect(isResizeAfterEnd(new Error('connect ECONNREFUSED'))).toBe(false);
  });

  it('explains a missing shell instead of printing the engine error in the terminal', async () => {
    const events: ExecEvent[] = [];
    for await (const e of bed.backend.impl.containers.exec({ id: busy, command: 'bash', cols: 80, rows: 24, attach: false }, call('conn-a'))) events.push(e);
    const exit = events.at(-1);
    expect(exit).toMatchObject({ kind: 'exit', reason: 'command-not-found', message: 'This container has no /bin/bash. Try sh, or run a custom command.' });
    expect(events.filter((e) => e.kind === 'output').map((e) => (e.kind === 'output' ? e.data : '')).join('')).not.toMatch(/OCI runtime/);
  });

  it('says the container must be started when it is not running', async () => {
    const id = await docker('create', '--name', `${prefix}stopped`, TEST_IMAGE, 'sh');
    const events: ExecEvent[] = [];
    for await (const e of bed.backend.impl.containers.exec({ id, command: 'sh', cols: 80, rows: 24, attach: false }, call('conn-a'))) events.push(e);
    expect(events).toEqual([{ kind: 'exit', code: null, reason: 'not-running', message: 'The container is not running. Start the container to open a shell.' }]);
  });

  it('attaches to the main process of a non-TTY container (demultiplexed) and of a TTY one', async () => {
    const plain = await docker('run', '-d', '-i', '--name', `${prefix}cat`, TEST_IMAGE, 'cat');
    const ctl = new AbortController();
    const api = bed.backend.impl.containers;
    const it = api.exec({ id: plain, command: 'sh', cols: 80, rows: 24, attach: true }, call('conn-a', ctl.signal))[Symbol.asyncIterator]();
    const ready = await nextMatching(it, (e) => e.kind === 'ready');
    expect(ready).toMatchObject({ attached: true, tty: false });
    await api.execInput({ session: ready.kind === 'ready' ? ready.session : '', data: 'über-echo\n' }, call('conn-a'));
    const out = await readUntil(it, 'über-echo\n');
    // Demultiplexed: no 8-byte frame headers leak into the text.
    expect(out).toBe('über-echo\n');
    ctl.abort();

    const tty = await docker('run', '-d', '-it', '--name', `${prefix}tty`, TEST_IMAGE, 'sh');
    const ctl2 = new AbortController();
    const it2 = api.exec({ id: tty, command: 'sh', cols: 80, rows: 24, attach: true }, call('conn-a', ctl2.signal))[Symbol.asyncIterator]();
    const ready2 = await nextMatching(it2, (e) => e.kind === 'ready');
    expect(ready2).toMatchObject({ attached: true, tty: true });
    await api.execInput({ session: ready2.kind === 'ready' ? ready2.session : '', data: 'echo main-$((1+1))\n' }, call('conn-a'));
    expect(await readUntil(it2, 'main-2')).toContain('main-2');
    ctl2.abort();
    // Detaching leaves the main process running.
    expect(await docker('inspect', '-f', '{{.State.Running}}', tty)).toBe('true');
  });
});

describe('stats against the real dockerd', () => {
  it('streams samples with sane fields for a busy container, then stopped when it stops', async () => {
    const id = await docker('run', '-d', '--name', `${prefix}stats`, TEST_IMAGE, 'sh', '-c', 'while :; do :; done');
    const ctl = new AbortController();
    const it = bed.backend.impl.containers.stats({ id: `${prefix}stats` }, ctx(ctl.signal))[Symbol.asyncIterator]();
    const seen: ContainerStatsEvent[] = [];
    const busySample = await nextMatching(it, (e) => e.kind === 'sample' && e.stats.cpuPercent > 5, 20_000, seen);
    const s = busySample.kind === 'sample' ? busySample.stats : undefined;
    expect(s!.cpuPercent).toBeLessThanOrEqual(100 * s!.onlineCpus + 1);
    expect(s!.memoryBytes).toBeGreaterThan(0);
    expect(s!.memoryLimitBytes).toBeGreaterThan(s!.memoryBytes);
    expect(s!.pids).toBeGreaterThanOrEqual(1);
    expect(s!.networkRxBytes).toBeGreaterThanOrEqual(0);
    expect(Math.abs(s!.time - Date.now())).toBeLessThan(60_000);
    // About one sample per second from the engine's stream, not a burst.
    expect(seen.length).toBeLessThan(10);

    await docker('kill', id);
    await nextMatching(it, (e) => e.kind === 'stopped', 20_000);
    await expect(it.next()).resolves.toMatchObject({ done: true });
  });

  it('a stopped container gives stopped at once; an unknown one a NOT_FOUND error', async () => {
    const id = await docker('create', '--name', `${prefix}idle`, TEST_IMAGE, 'sh');
    const events: ContainerStatsEvent[] = [];
    for await (const e of bed.backend.impl.containers.stats({ id }, ctx())) events.push(e);
    expect(events).toEqual([{ kind: 'stopped' }]);
    const it = bed.backend.impl.containers.stats({ id: `${prefix}nope` }, ctx())[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('statsSummary follows a newly started container, one sample per interval, and stops when it stops', async () => {
    const ctl = new AbortController();
    const it = bed.backend.impl.containers.statsSummary({ intervalMs: 1000 }, ctx(ctl.signal))[Symbol.asyncIterator]();
    const seen: StatsSummaryEvent[] = [];
    // Already running at subscribe time.
    await nextMatching(it, (e) => e.kind === 'sample' && e.sample.id === busy && e.sample.cpuPercent > 0, 20_000, seen);

    const id = await docker('run', '-d', '--name', `${prefix}sum`, TEST_IMAGE, 'sh', '-c', 'while :; do :; done');
    const samples: number[] = [];
    await nextMatching(
      it,
      (e) => {
        if (e.kind === 'sample' && e.sample.id === id) samples.push(e.sample.time);
        return samples.length >= 3;
      },
      20_000,
      seen,
    );
    // Paced: one sample per container per interval.
    for (let i = 1; i < samples.length; i++) expect(samples[i]! - samples[i - 1]!).toBeGreaterThanOrEqual(950);

    await docker('stop', '-t', '0', id);
    await nextMatching(it, (e) => e.kind === 'stopped' && e.id === id, 20_000, seen);
    ctl.abort();
    await expect(it.next()).resolves.toMatchObject({ done: true });
  });

  it('statsSummary with ids follows only those containers', async () => {
    const other = await docker('run', '-d', '--name', `${prefix}other`, TEST_IMAGE, 'sleep', '600');
    const ctl = new AbortController();
    const it = bed.backend.impl.containers.statsSummary({ intervalMs: 1000, ids: [other] }, ctx(ctl.signal))[Symbol.asyncIterator]();
    const seen: StatsSummaryEvent[] = [];
    let count = 0;
    await nextMatching(it, (e) => e.kind === 'sample' && e.sample.id === other && ++count >= 3, 20_000, seen);
    expect(seen.filter((e) => e.kind === 'sample' && e.sample.id !== other)).toEqual([]);
    ctl.abort();
    await docker('rm', '-f', other);
  });
});
