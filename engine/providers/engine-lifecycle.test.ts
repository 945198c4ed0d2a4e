import { describe, expect, it, vi } from 'vitest';
import type { CallContext } from '../../contract/define.js';
import type { EngineStatus, VmView } from '../../contract/model.js';
import { createBackend, type BackendDeps } from '../backend.js';
import type { Discovery } from '../client/discover.js';
import { AsyncQueue } from '../streams/async-queue.js';
import { EventHub, type EventSource } from '../streams/event-hub.js';
import { fakeEngine } from '../testing/fake-engine.js';
import type { VmEngineHost, VmStartStep } from './vm-provider.js';

const ctx = (): CallContext => ({ connectionId: 't', signal: new AbortController().signal });
const notFound: Discovery = { found: false, attempts: [{ endpoint: { host: 'unix:///var/run/docker.sock', source: 'default' }, error: 'the socket does not exist' }] };

const source: EventSource = {
  now: async () => 1n,
  open: async (_since, signal) => new AsyncQueue<string>({ signal }),
};

/** A VM that boots in two steps, can refuse to run, and can die. */
class FakeVm implements VmEngineHost {
  state: VmView['state'] = 'absent';
  starts = 0;
  shutdowns = 0;
  deletes = 0;
  refuse?: string;
  failBoot?: string;
  private exit?: (message: string, tail: string[]) => void;
  available = async () => (this.refuse ? { ok: false as const, message: this.refuse, remedy: 'Install QEMU: sudo apt-get install qemu-system-x86' } : { ok: true as const });
  async start(onProgress: (steps: VmStartStep[], vm: VmView) => void) {
    this.starts++;
    this.state = 'starting';
    onProgress([{ label: 'Starting the VM', state: 'done', startedAt: 0, endedAt: 1500 }, { label: 'Waiting for dockerd', state: 'active', startedAt: 1500 }], this.view());
    if (this.failBoot) {
      this.state = 'error';
      throw new Error(this.failBoot);
    }
    this.state = 'running';
    return 'unix:///tmp/berth-vm/docker.sock';
  }
  async shutdown() {
    this.shutdowns++;
    this.state = 'stopped';
  }
  async stop() {
    this.state = 'stopped';
  }
  async delete() {
    this.deletes++;
    this.state = 'absent';
  }
  view(): VmView {
    return { state: this.state, driver: 'qemu', accel: 'tcg', cpus: 2, memoryMiB: 2048, diskGiB: 64, consoleTail: ['[ 1.0] berth-init: dockerd up'] };
  }
  onExit(listener: (message: string, tail: string[]) => void) {
    this.exit = listener;
  }
  die() {
    this.state = 'error';
    this.exit?.('QEMU exited (signal 9)', ['Kernel panic']);
  }
  async forwardPort() {
    return { dispose: () => undefined };
  }
  shares() {
    return [{ hostPath: '/home/me' }];
  }
}

function setup(vm: FakeVm, engine: 'auto' | 'vm' | 'native' = 'auto') {
  const connects: string[] = [];
  const deps: BackendDeps = {
    discover: vi.fn(async () => notFound),
    checkEmbedded: () => ({ possible: false, message: 'Berth can only start its own engine as root', remedy: 'Run Berth as root.' }),
    createSupervisor: () => {
      throw new Error('not used');
    },
    connect: (target, endpoint, managed) => {
      connects.push(endpoint.host);
      return { endpoint, managed, engine: fakeEngine({ endpoint }), hub: new EventHub({ source, backoff: { initialMs: 5, maxMs: 10 } }) };
    },
    createVm: () => vm,
    retry: { initialMs: 60_000, maxMs: 60_000 },
  };
  return { backend: createBackend({ dataDir: '/tmp/fake-berth', engine, platform: 'linux' }, deps), connects };
}

async function untilState(backend: ReturnType<typeof createBackend>, state: EngineStatus['state']): Promise<EngineStatus> {
  let s!: EngineStatus;
  await vi.waitFor(async () => {
    s = await backend.impl.engine.status({}, ctx());
    expect(s.state).toBe(state);
  });
  return s;
}

describe('engine lifecycle with the VM provider', () => {
  it('on Linux auto, falls back to the VM when no engine answers and dockerd cannot run, with the steps shown', async () => {
    const vm = new FakeVm();
    const { backend, connects } = setup(vm);
    const seen: EngineStatus[] = [];
    const changes = backend.impl.engine.statusChanges({}, ctx());
    const reading = (async () => {
      for await (const s of changes) seen.push(s);
    })();
    await backend.start();
    const s = await untilState(backend, 'running');
    expect(s).toMatchObject({ provider: 'vm', managed: true, endpoint: { host: 'unix:///tmp/berth-vm/docker.sock', source: 'vm' }, vm: { state: 'running', accel: 'tcg' } });
    expect(connects).toEqual(['unix:///tmp/berth-vm/docker.sock']);
    const progress = seen.find((x) => x.steps?.length);
    expect(progress).toMatchObject({ state: 'starting', provider: 'vm', message: 'Waiting for dockerd…' });
    expect(progress?.steps?.[0]).toEqual({ label: 'Starting the VM', state: 'done', elapsedMs: 1500 });
    await backend.dispose();
    await reading;
    expect(vm.shutdowns).toBe(1);
  });

  it('says why neither the native engine, dockerd nor the VM can run', async () => {
    const vm = new FakeVm();
    vm.refuse = 'QEMU is not installed';
    const { backend } = setup(vm);
    await backend.start();
    const s = await untilState(backend, 'error');
    expect(s.message).toBe('No Docker engine answered (tried unix:///var/run/docker.sock (default): the socket does not exist). Berth can only start its own engine as root. Berth’s VM cannot run either: QEMU is not installed.');
    expect(s.remedy).toBe('Run Berth as root.');
    await backend.dispose();
  });

  it('a VM that does not boot is the headline, with its console', async () => {
    const vm = new FakeVm();
    vm.failBoot = 'dockerd did not answer within 600 s';
    const { backend } = setup(vm, 'vm');
    await backend.start();
    const s = await untilState(backend, 'error');
    expect(s.message).toBe('Berth’s VM did not start: dockerd did not answer within 600 s');
    expect(s.logTail).toEqual(['[ 1.0] berth-init: dockerd up']);
    await backend.dispose();
  });

  it('stops, starts and resets from the Engine page; a dead VM is an error with its console', async () => {
    const vm = new FakeVm();
    const { backend } = setup(vm, 'vm');
    await backend.start();
    await untilState(backend, 'running');
    const stopped = await backend.impl.engine.vm({ action: 'stop' }, ctx());
    expect(stopped).toMatchObject({ state: 'stopped', provider: 'vm', message: 'Berth’s VM is stopped. Start it from the Engine page.' });
    await expect(backend.impl.containers.list({ all: true }, ctx())).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE', message: expect.stringContaining('the VM is stopped') });
    await backend.impl.engine.vm({ action: 'start' }, ctx());
    await untilState(backend, 'running');
    expect(vm.starts).toBe(2);
    await backend.impl.engine.vm({ action: 'reset' }, ctx());
    await untilState(backend, 'running');
    expect(vm.deletes).toBe(1);
    vm.die();
    const dead = await untilState(backend, 'error');
    expect(dead).toMatchObject({ message: 'Berth’s VM stopped: QEMU exited (signal 9)', logTail: ['Kernel panic'] });
    await backend.dispose();
  });

  it('refuses VM actions when the engine does not come from the VM', async () => {
    const { backend } = setup(new FakeVm(), 'native');
    await expect(backend.impl.engine.vm({ action: 'stop' }, ctx())).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^Berth is not using its VM/) });
    await backend.dispose();
  });
});
