import type { EngineOptions } from './adapter/engine-adapter.js';
import { describe, expect, it, vi } from 'vitest';
import type { CallContext } from '../contract/define.js';
import type { EngineStatus } from '../contract/model.js';
import { createBackend, type BackendDeps, type SupervisorLike } from './backend.js';
import type { Discovery } from './client/discover.js';
import { AsyncQueue } from './streams/async-queue.js';
import { EventHub, type EventSource } from './streams/event-hub.js';
import type { SupervisorStatus } from './supervisor/dockerd-supervisor.js';
import { embeddedPaths } from './supervisor/embedded-paths.js';
import { fakeEngine } from './testing/fake-engine.js';

const LINUX_AUTO = 'Linux: an engine that answers, else Berth’s own dockerd (as root), else Berth’s VM.';
const ctx = (): CallContext => ({ connectionId: 't', signal: new AbortController().signal });

class FakeSource implements EventSource {
  refuse = 0;
  stream?: AsyncQueue<string>;
  async now() {
    return 1n;
  }
  async open(_since: string | undefined, signal: AbortSignal) {
    if (this.refuse > 0) {
      this.refuse--;
      throw new Error('connect ECONNREFUSED');
    }
    this.stream = new AsyncQueue<string>({ signal });
    return this.stream;
  }
}

class FakeSupervisor implements SupervisorLike {
  readonly paths = embeddedPaths('/tmp/fake-berth');
  status: SupervisorStatus = { state: 'stopped', logTail: [] };
  readonly listeners = new Set<(s: SupervisorStatus) => void>();
  stops = 0;
  constructor(private readonly fail?: string) {}
  onChange(l: (s: SupervisorStatus) => void) {
    this.listeners.add(l);
    return { dispose: () => void this.listeners.delete(l) };
  }
  set(s: SupervisorStatus) {
    this.status = s;
    for (const l of this.listeners) l(s);
  }
  async start() {
    this.set({ state: 'starting', logTail: [] });
    if (this.fail) {
      this.set({ state: 'error', message: this.fail, logTail: ['level=fatal msg="boom"'] });
      throw new Error(this.fail);
    }
    this.set({ state: 'running', logTail: [] });
  }
  async stop() {
    this.stops++;
    this.set({ state: 'stopped', logTail: [] });
  }
}

const found: Discovery = { found: true, endpoint: { host: 'unix:///tmp/e.sock', source: 'DOCKER_HOST' }, options: { socketPath: '/tmp/e.sock' }, attempts: [] };
const notFound: Discovery = { found: false, attempts: [{ endpoint: { host: 'unix:///var/run/docker.sock', source: 'default' }, error: 'the socket does not exist (is the engine running?)' }] };

function setup(opts: { discoveries: Discovery[]; embedded?: 'auto' | 'never'; possible?: boolean; supervisor?: FakeSupervisor; retryMs?: number }) {
  const source = new FakeSource();
  const supervisor = opts.supervisor ?? new FakeSupervisor();
  const discoveries = [...opts.discoveries];
  const deps: BackendDeps & { discover: ReturnType<typeof vi.fn>; createSupervisor: ReturnType<typeof vi.fn>; checkEmbedded: ReturnType<typeof vi.fn> } = {
    discover: vi.fn(async () => (discoveries.length > 1 ? discoveries.shift()! : discoveries[0]!)),
    checkEmbedded: vi.fn(() =>
      opts.possible === false
        ? { possible: false as const, message: 'dockerd is not installed (not found on PATH), so Berth cannot start its own engine', remedy: 'Install Docker Engine.' }
        : { possible: true as const, dockerdPath: '/usr/sbin/dockerd' },
    ),
    createSupervisor: vi.fn(() => supervisor),
    connect: (_options: EngineOptions, endpoint, managed) => ({ endpoint, managed, engine: fakeEngine({ endpoint }), hub: new EventHub({ source, backoff: { initialMs: 5, maxMs: 10 } }) }),
    retry: { initialMs: opts.retryMs ?? 5, maxMs: (opts.retryMs ?? 5) * 2 },
  };
  const backend = createBackend({ dataDir: '/tmp/fake-berth', embedded: opts.embedded, platform: 'linux' }, deps);
  return { backend, deps, source, supervisor };
}

async function untilState(backend: ReturnType<typeof createBackend>, state: EngineStatus['state']): Promise<EngineStatus> {
  let s!: EngineStatus;
  await vi.waitFor(async () => {
    s = await backend.impl.engine.status({}, ctx());
    expect(s.state).toBe(state);
  });
  return s;
}

describe('createBackend', () => {
  it('start() returns at once; the engine found is then running, and no embedded engine is started', async () => {
    const { backend, deps } = setup({ discoveries: [found] });
    expect((await backend.impl.engine.status({}, ctx())).state).toBe('stopped');
    await backend.start();
    const s = await untilState(backend, 'running');
    expect(s).toEqual({ state: 'running', managed: false, endpoint: { host: 'unix:///tmp/e.sock', source: 'DOCKER_HOST' }, provider: 'native', why: LINUX_AUTO });
    expect(deps.createSupervisor).not.toHaveBeenCalled();
    await backend.dispose();
    expect(await backend.impl.engine.status({}, ctx())).toEqual({ state: 'stopped', managed: false, message: 'Berth has stopped' });
  });

  it('rejects engine calls with ENGINE_UNAVAILABLE while not running', async () => {
    const { backend } = setup({ discoveries: [notFound], possible: false });
    await expect(backend.impl.containers.list({ all: true }, ctx())).rejects.toMatchObject({
      code: 'ENGINE_UNAVAILABLE',
      message: 'Berth is not connected to a Docker engine (the back end is stopped)',
    });
    await backend.start();
    await untilState(backend, 'error');
    await expect(backend.impl.engine.info({}, ctx())).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE', message: expect.stringMatching(/^No Docker engine is available: No Docker engine answered/) });
    expect(() => backend.impl.containers.watch({}, ctx())).toThrow(/No Docker engine is available/);
    await backend.dispose();
  });

  it('explains why no engine can be had, and connects when one appears later', async () => {
    // Re-discovery waits 150 ms, so the error is on screen long enough to be seen before the engine appears.
    const { backend, deps } = setup({ discoveries: [notFound, notFound, found], possible: false, retryMs: 150 });
    await backend.start();
    const err = await untilState(backend, 'error');
    expect(err).toEqual({
      state: 'error',
      managed: false,
      message:
        'No Docker engine answered (tried unix:///var/run/docker.sock (default): the socket does not exist (is the engine running?)). dockerd is not installed (not found on PATH), so Berth cannot start its own engine.',
      remedy: 'Install Docker Engine.',
      provider: 'native',
      why: LINUX_AUTO,
    });
    await untilState(backend, 'running');
    expect(deps.discover).toHaveBeenCalledTimes(3);
    await backend.dispose();
  });

  it('with embedded "never", does not consider starting dockerd', async () => {
    const { backend, deps } = setup({ discoveries: [notFound], embedded: 'never' });
    await backend.start();
    const s = await untilState(backend, 'error');
    expect(s.remedy).toBe('Start Docker, or set DOCKER_HOST (or the engine setting) to the address of a running engine.');
    expect(deps.checkEmbedded).not.toHaveBeenCalled();
    await backend.dispose();
  });

  it('starts its own engine when none answers, and stops it on dispose', async () => {
    const { backend, supervisor } = setup({ discoveries: [notFound] });
    const seen: EngineStatus[] = [];
    const changes = backend.impl.engine.statusChanges({}, ctx());
    const reading = (async () => {
      for await (const s of changes) seen.push(s);
    })();
    await backend.start();
    const s = await untilState(backend, 'running');
    expect(s).toEqual({ state: 'running', managed: true, endpoint: { host: supervisor.paths.host, source: 'embedded' }, provider: 'embedded', why: LINUX_AUTO });
    await backend.dispose();
    await reading; // the stream ends on dispose
    expect(supervisor.stops).toBe(1);
    expect(seen.map((x) => x.state)).toEqual(expect.arrayContaining(['stopped', 'starting', 'running']));
    expect(seen.at(-1)?.state).toBe('stopped');
  });

  it('reports an embedded engine that fails to start, with its log tail', async () => {
    const { backend } = setup({ discoveries: [notFound], supervisor: new FakeSupervisor('dockerd exited during startup (exit code 1)') });
    await backend.start();
    const s = await untilState(backend, 'error');
    expect(s).toMatchObject({
      managed: true,
      message: 'Berth’s own Docker engine did not start: dockerd exited during startup (exit code 1)',
      logTail: ['level=fatal msg="boom"'],
      remedy: expect.stringContaining('/tmp/fake-berth/engine/dockerd.log'),
    });
    await backend.dispose();
  });

  it('turns a crash of its own engine into an error and ends open streams', async () => {
    const { backend, supervisor } = setup({ discoveries: [notFound] });
    await backend.start();
    await untilState(backend, 'running');
    const events = backend.impl.engine.events({}, ctx())[Symbol.asyncIterator]();
    const pending = events.next();
    supervisor.set({ state: 'error', message: 'The embedded engine stopped unexpectedly (killed by SIGKILL)', logTail: ['last words'] });
    await expect(pending).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
    const s = await untilState(backend, 'error');
    expect(s).toMatchObject({ message: 'Berth’s own Docker engine stopped: The embedded engine stopped unexpectedly (killed by SIGKILL)', logTail: ['last words'] });
    await backend.dispose();
  });

  it('shows a lost connection as an error and recovers when the event stream is back', async () => {
    const { backend, source } = setup({ discoveries: [found] });
    await backend.start();
    await untilState(backend, 'running');
    source.refuse = Infinity;
    source.stream?.fail(new Error('read ECONNRESET'));
    const s = await untilState(backend, 'error');
    expect(s.message).toMatch(/^Lost the connection to the engine at unix:\/\/\/tmp\/e.sock \((read ECONNRESET|connect ECONNREFUSED)\); reconnecting…$/);
    await expect(backend.impl.containers.list({ all: true }, ctx())).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
    source.refuse = 0;
    await untilState(backend, 'running');
    await backend.dispose();
  });
});
