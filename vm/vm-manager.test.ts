import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Disposable } from '../contract/define.js';
import type { VmConfig, VmDriver, VmProgress, VmStartResult, VmState, VmStatus } from './driver.js';
import { contextMetaPath } from './docker-context.js';
import { VmManager, type VmManagerProgress } from './vm-manager.js';

/** A driver that only moves between states, so the manager's machine can be checked without QEMU. */
class FakeDriver implements VmDriver {
  readonly name = 'qemu' as const;
  canSuspend = true;
  failStart: string | undefined;
  calls: string[] = [];
  private listeners = new Set<(s: VmStatus) => void>();
  private s: VmStatus = { state: 'absent' };
  private set(state: VmState, message?: string) {
    this.s = { state, message };
    for (const l of this.listeners) l(this.s);
  }
  async available() {
    return { ok: true } as const;
  }
  async create(_c: VmConfig) {
    this.calls.push('create');
    this.set('stopped');
  }
  async start(onProgress?: (p: VmProgress) => void): Promise<VmStartResult> {
    this.calls.push('start');
    const resumed = this.s.state === 'suspended';
    this.set('starting');
    onProgress?.({ step: 'Starting the VM' });
    onProgress?.({ step: 'Waiting for the kernel' });
    onProgress?.({ step: 'Waiting for dockerd' });
    if (this.failStart) {
      this.set('error', this.failStart);
      throw new Error(this.failStart);
    }
    this.set('running');
    return { dockerHost: 'unix:///fake/docker.sock', resumed, stages: [], totalMs: 1 };
  }
  async stop() {
    this.calls.push('stop');
    this.set('stopped');
  }
  async suspend() {
    this.calls.push('suspend');
    this.set('suspended');
  }
  async discardSuspended() {
    this.calls.push('discard');
    this.set('stopped');
  }
  async delete() {
    this.calls.push('delete');
    this.set('absent');
  }
  async status() {
    return this.s;
  }
  onStatus(l: (s: VmStatus) => void): Disposable {
    this.listeners.add(l);
    l(this.s);
    return { dispose: () => this.listeners.delete(l) };
  }
  async setResources() {}
  async setShares() {}
  async forwardPort(): Promise<Disposable> {
    return { dispose() {} };
  }
  forwardedPorts() {
    return [];
  }
}

const dir = mkdtempSync(join(tmpdir(), 'vm-manager-'));
const config: VmConfig = { name: 'berth', resources: { cpus: 2, memoryMiB: 2048, diskGiB: 8 }, shares: [], imagePath: '/img' };
let managers: VmManager[] = [];
const make = (driver = new FakeDriver(), lock = 'berth.lock') => {
  const vm = new VmManager({ driver, config, lockPath: join(dir, lock), dockerConfigDir: join(dir, 'docker') });
  managers.push(vm);
  return { vm, driver };
};
afterEach(async () => {
  for (const m of managers) await m.quit().catch(() => undefined);
  managers = [];
});

describe('VmManager', () => {
  it('start creates an absent VM, reports each step with elapsed time, and writes the berth context', async () => {
    const { vm, driver } = make();
    const steps: VmManagerProgress[] = [];
    vm.onProgress((p) => steps.push(p));
    const r = await vm.start();
    expect(r.dockerHost).toBe('unix:///fake/docker.sock');
    expect(driver.calls).toEqual(['create', 'start']);
    expect(steps.map((s) => s.step)).toEqual(['Creating the VM', 'Starting the VM', 'Waiting for the kernel', 'Waiting for dockerd']);
    expect(steps.every((s) => typeof s.elapsedMs === 'number' && typeof s.stepElapsedMs === 'number')).toBe(true);
    expect(vm.currentState).toBe('running');
    const meta = JSON.parse(readFileSync(contextMetaPath(join(dir, 'docker'), 'berth'), 'utf8'));
    expect(meta.Endpoints.docker.Host).toBe('unix:///fake/docker.sock');
  });

  it('refuses actions the state does not allow, naming the state', async () => {
    const { vm } = make();
    await expect(vm.suspend()).rejects.toThrow('Cannot suspend the VM while it is absent.');
    await vm.start();
    await expect(vm.start()).rejects.toThrow('Cannot start the VM while it is running.');
    await vm.stop();
    await expect(vm.stop()).rejects.toThrow('Cannot stop the VM while it is stopped.');
  });

  it('suspend, then start resumes; quit suspends a running VM', async () => {
    const { vm, driver } = make();
    await vm.start();
    await vm.suspend();
    expect(vm.currentState).toBe('suspended');
    expect((await vm.start()).resumed).toBe(true);
    await vm.quit();
    expect(driver.calls.slice(-1)).toEqual(['suspend']);
  });

  it('quit stops where the driver cannot suspend; stop of a suspended VM drops its state', async () => {
    const { vm, driver } = make();
    driver.canSuspend = false;
    await vm.start();
    await vm.quit();
    expect(driver.calls.slice(-1)).toEqual(['stop']);
    const b = make(new FakeDriver(), 'b.lock');
    await b.vm.start();
    await b.vm.suspend();
    await b.vm.stop();
    expect(b.driver.calls.slice(-1)).toEqual(['discard']);
  });

  it('a failed start ends in error, from where start and reset are allowed', async () => {
    const { vm, driver } = make();
    driver.failStart = 'The VM did not answer within 600 s';
    await expect(vm.start()).rejects.toThrow('did not answer');
    expect(vm.currentState).toBe('error');
    driver.failStart = undefined;
    await vm.reset();
    expect(driver.calls.slice(-2)).toEqual(['delete', 'create']);
    expect((await vm.start()).dockerHost).toContain('docker.sock');
  });

  it('one action at a time', async () => {
    const { vm } = make();
    const first = vm.start();
    await expect(vm.stop()).rejects.toThrow(/busy|Cannot stop/);
    await first;
  });

  it('a second Berth on the same VM is refused', async () => {
    writeFileSync(join(dir, 'held.lock'), '1');
    const { vm } = make(new FakeDriver(), 'held.lock');
    await expect(vm.start()).rejects.toThrow('Another Berth (pid 1) is already using this VM');
    rmSync(join(dir, 'held.lock'));
  });
});
