import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { VmProgress, VmStatus } from '../driver.js';
import { VmStatusCell } from '../vm-status-cell.js';
import { EngineStart } from './engine-start.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-engine-start-'));
const socketPath = join(dir, 'docker.sock');
let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const listen = () =>
  new Promise<void>((resolve) => {
    server = createServer((_req, res) => res.end('OK'));
    server.listen(socketPath, resolve);
  });

describe('EngineStart', () => {
  it('shows each step as the status, reports it with its time, and times the stages up to ping', async () => {
    const cell = new VmStatusCell({ state: 'stopped' });
    const seen: VmStatus[] = [];
    cell.subscribe((s) => seen.push(s));
    const progress: VmProgress[] = [];
    const start = new EngineStart(cell, (p) => progress.push(p));
    start.step('Starting the VM');
    start.reached('seed');
    await listen();
    await start.waitForEngine({ socketPath, exited: () => undefined, timeoutMs: 5000, who: 'The VM' });
    expect(seen.at(-1)).toEqual({ state: 'starting', message: 'Starting the VM' });
    expect(progress).toEqual([{ step: 'Starting the VM', elapsedMs: expect.any(Number) }]);
    const result = start.result('unix:///x.sock');
    expect(result).toMatchObject({ dockerHost: 'unix:///x.sock', resumed: false });
    expect(result.stages.map((s) => s.name)).toEqual(['seed', 'ping']);
  });

  it('says why it stopped waiting: cancelled, the process ended, or no answer in time', async () => {
    const start = () => new EngineStart(new VmStatusCell({ state: 'stopped' }));
    const missing = join(dir, 'nothing.sock');
    await expect(start().waitForEngine({ socketPath: missing, signal: AbortSignal.abort(), exited: () => undefined, timeoutMs: 5000, who: 'The VM' })).rejects.toThrow(
      'Starting the VM was cancelled.',
    );
    await expect(start().waitForEngine({ socketPath: missing, exited: () => 'vfkit ended (exit code 1)', timeoutMs: 5000, who: 'The VM' })).rejects.toThrow(
      'vfkit ended (exit code 1) before the engine answered.',
    );
    await expect(start().waitForEngine({ socketPath: missing, exited: () => undefined, timeoutMs: 0, who: 'dockerd in WSL' })).rejects.toThrow(
      'dockerd in WSL did not answer within 0 s.',
    );
  });
});
