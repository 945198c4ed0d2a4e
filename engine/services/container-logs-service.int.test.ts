import { describe, expect, it } from 'vitest';
import { logChunkLines, type LogChunk } from '../../contract/models/container-logs.js';
import type { Backend } from '../backend.js';
import { ctx, docker, TEST_IMAGE, uniquePrefix, useTestBackend } from '../testing/int-helpers.js';

const prefix = uniquePrefix('logs');

const bed = useTestBackend(prefix, { removeContainers: true });

type Line = { stream: string; text: string; ts: number | null | undefined };

function flatten(chunks: LogChunk[]): Line[] {
  // The first event says the log is open (count 0): it holds no line.
  expect(chunks[0]).toEqual({ stream: 'stdout', text: '', count: 0 });
  return chunks.slice(1).flatMap((c) => {
    const lines = logChunkLines(c);
    expect(lines).toHaveLength(c.count);
    if (c.ts) expect(c.ts).toHaveLength(c.count);
    return lines.map((text, i) => ({ stream: c.stream, text, ts: c.ts?.[i] }));
  });
}

async function collect(args: Parameters<Backend['impl']['containers']['logs']>[0]): Promise<Line[]> {
  const chunks: LogChunk[] = [];
  for await (const c of bed.backend.impl.containers.logs(args, ctx())) chunks.push(c);
  return flatten(chunks);
}

async function waitExited(name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await docker('inspect', '-f', '{{.State.Status}}', name)) === 'exited') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not exit`);
}

describe('containers.logs against the real dockerd', () => {
  it('demultiplexes stdout and stderr of a non-TTY container, with timestamps and tail', async () => {
    const name = `${prefix}mux`;
    await docker('run', '-d', '--name', name, TEST_IMAGE, 'sh', '-c', 'echo out-1; echo err-1 >&2; echo out-2; printf "ünïcode ✓\\n"; echo err-2 >&2');
    await waitExited(name);
    const lines = await collect({ id: name, follow: false, timestamps: false, tail: 'all', stdout: true, stderr: true });
    expect(lines.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual(['out-1', 'out-2', 'ünïcode ✓']);
    expect(lines.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(['err-1', 'err-2']);

    const stamped = await collect({ id: name, follow: false, timestamps: true, tail: 2, stdout: true, stderr: true });
    expect(stamped).toHaveLength(2);
    for (const l of stamped) expect(Math.abs((l.ts ?? 0) - Date.now())).toBeLessThan(120_000);
    // stdout and stderr come through separate pipes, so their relative order in the log may vary.
    for (const l of stamped) expect(lines.map((x) => x.text)).toContain(l.text);

    const onlyErr = await collect({ id: name, follow: false, timestamps: false, tail: 'all', stdout: false, stderr: true });
    expect(onlyErr.map((l) => l.text)).toEqual(['err-1', 'err-2']);
  });

  it('delivers a flood whole and in order, in few bounded chunks', async () => {
    const name = `${prefix}flood`;
    await docker('run', '-d', '--name', name, TEST_IMAGE, 'sh', '-c', 'seq 1 200000; echo done >&2');
    await waitExited(name);
    const chunks: LogChunk[] = [];
    for await (const c of bed.backend.impl.containers.logs({ id: name, follow: false, timestamps: false, tail: 'all', stdout: true, stderr: true }, ctx())) chunks.push(c);
    const lines = flatten(chunks);
    expect(lines).toHaveLength(200_001);
    // stdout and stderr come through separate pipes: where "done" lands among the numbers may vary.
    expect(lines.filter((l) => l.stream === 'stderr')).toEqual([{ stream: 'stderr', text: 'done', ts: undefined }]);
    const out = lines.filter((l) => l.stream === 'stdout').map((l) => l.text);
    const wrong = out.findIndex((t, i) => t !== String(i + 1));
    expect(wrong === -1 ? 'all in order' : `line ${wrong}: ${JSON.stringify(out.slice(wrong, wrong + 3))}`).toBe('all in order');
    expect(Math.max(...chunks.map((c) => c.count))).toBeLessThanOrEqual(10_000);
    // Not one event per line: the engine's one-frame-per-line reads are gathered.
    expect(chunks.length).toBeLessThan(5_000);

    const stamped = await collect({ id: name, follow: false, timestamps: true, tail: 1000, stdout: true, stderr: false });
    expect(stamped.map((l) => l.text)).toEqual(Array.from({ length: 1000 }, (_, i) => String(199_001 + i)));
    for (let i = 1; i < stamped.length; i++) expect(stamped[i]!.ts!).toBeGreaterThanOrEqual(stamped[i - 1]!.ts!);
  });

  it('reads a TTY container as one plain stream', async () => {
    const name = `${prefix}tty`;
    await docker('run', '-d', '-t', '--name', name, TEST_IMAGE, 'sh', '-c', 'echo tty-out; echo tty-err >&2');
    await waitExited(name);
    const lines = await collect({ id: name, follow: false, timestamps: false, tail: 'all', stdout: true, stderr: true });
    expect(lines).toEqual([
      { stream: 'stdout', text: 'tty-out', ts: undefined },
      { stream: 'stdout', text: 'tty-err', ts: undefined },
    ]);
  });

  it('follows new lines, honours since, and stops the engine stream on unsubscribe', async () => {
    const name = `${prefix}follow`;
    await docker('run', '-d', '--name', name, TEST_IMAGE, 'sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.2; done');
    const ctl = new AbortController();
    const it = bed.backend.impl.containers.logs({ id: name, follow: true, timestamps: true, tail: 'all', stdout: true, stderr: true }, ctx(ctl.signal))[Symbol.asyncIterator]();
    const seen: string[] = [];
    const started = Date.now();
    while (!seen.includes('tick 5') && Date.now() - started < 15_000) {
      const step = await it.next();
      if (step.done) break;
      if (step.value.count) seen.push(...logChunkLines(step.value));
    }
    expect(seen.slice(0, 5)).toEqual(['tick 1', 'tick 2', 'tick 3', 'tick 4', 'tick 5']);
    ctl.abort();
    expect(await it.next()).toEqual({ done: true, value: undefined });

    // since: only lines written after a moment.
    const cut = Date.now() / 1000;
    await new Promise((r) => setTimeout(r, 700));
    const after = await collect({ id: name, follow: false, timestamps: true, tail: 'all', since: cut, stdout: true, stderr: true });
    expect(after.length).toBeGreaterThan(0);
    for (const l of after) expect(l.ts ?? 0).toBeGreaterThanOrEqual(cut * 1000 - 1);
    expect(after.map((l) => l.text)).not.toContain('tick 1');
    await docker('rm', '-f', name);
  });

  it('says the log is open at once when a followed container has printed nothing', async () => {
    const name = `${prefix}quiet`;
    await docker('run', '-d', '--name', name, TEST_IMAGE, 'sleep', '300');
    const ctl = new AbortController();
    const it = bed.backend.impl.containers.logs({ id: name, follow: true, timestamps: false, tail: 100, stdout: true, stderr: true }, ctx(ctl.signal))[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: { stream: 'stdout', text: '', count: 0 } });
    // Nothing else comes: the container prints nothing.
    const more = await Promise.race([it.next(), new Promise((r) => setTimeout(() => r('quiet'), 500))]);
    expect(more).toBe('quiet');
    ctl.abort();
    await docker('rm', '-f', name);
  });

  it('fails with NOT_FOUND for an unknown container', async () => {
    await expect(collect({ id: `${prefix}nope`, follow: false, timestamps: false, tail: 'all', stdout: true, stderr: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('containers.inspect against the real dockerd', () => {
  it('returns the raw JSON and a readable summary', async () => {
    const name = `${prefix}insp`;
    await docker('run', '-d', '--name', name, '-e', 'GREETING=hello world', '-p', '127.0.0.1::8080', '--restart', 'on-failure:3', TEST_IMAGE, 'sleep', '300');
    const r = await bed.backend.impl.containers.inspect({ id: name }, ctx());
    expect(r.summary).toMatchObject({ name, image: TEST_IMAGE, command: ['sleep', '300'], restartPolicy: { name: 'on-failure', maximumRetryCount: 3 } });
    expect(r.summary.env).toContainEqual({ name: 'GREETING', value: 'hello world' });
    expect(r.summary.ports).toEqual([{ privatePort: 8080, type: 'tcp', bindings: [{ hostIp: '127.0.0.1', hostPort: expect.any(Number) }] }]);
    expect(r.summary.networks[0]).toMatchObject({ name: 'bridge', ipAddress: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) });
    expect((r.raw as { Name: string }).Name).toBe(`/${name}`);
    await expect(bed.backend.impl.containers.inspect({ id: `${prefix}missing` }, ctx())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await docker('rm', '-f', name);
  });
});
