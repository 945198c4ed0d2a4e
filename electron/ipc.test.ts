import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract, createDispatcher, type BerthApi, type ContainerSummary, type Disposable, type EngineStatus } from '../contract/index.js';
import { createFakeImplementation } from '../server/testing/fake-implementation.js';
import { attachRenderer, contextBridge, FakeFrame, FakeWebContents, ipcRenderer, resetFakeElectron } from './testing/fake-electron.js';
import { CONNECT_CHANNEL, RPC_CHANNEL } from './channels.js';
import { registerIpcRouter } from './ipc.js';
import { exposeBerthBridge } from './preload-bridge.js';

const container: ContainerSummary = {
  id: 'c1', name: 'web', image: 'nginx', imageId: 'sha256:1', command: 'nginx', state: 'running', status: 'Up', ports: [], created: 0, labels: {},
};
const settle = () => new Promise((r) => setTimeout(r, 5));

describe('IPC router and preload bridge', () => {
  let contents: FakeWebContents;
  let router: Disposable;
  let logs: string[];
  let opened: string[];
  let streamSignals: AbortSignal[];
  let fake: ReturnType<typeof createFakeImplementation>;
  let uploaded: Uint8Array[];

  beforeEach(async () => {
    resetFakeElectron();
    logs = [];
    opened = [];
    streamSignals = [];
    uploaded = [];
    fake = createFakeImplementation({
      containers: {
        list: async () => [container],
        // 600 KiB from a 1 MiB buffer: views that must cross as their own bytes only.
        download: async () => ({ head: { fileName: 'f.bin', kind: 'file', size: 600 * 1024 }, body: (async function* () {
          const big = new Uint8Array(1024 * 1024).map((_, i) => i % 251);
          yield big.subarray(0, 300 * 1024);
          yield big.subarray(300 * 1024, 600 * 1024);
        })() }),
        upload: async (args: { size: number }, _ctx: unknown, body: AsyncIterable<Uint8Array>) => {
          let size = 0;
          for await (const chunk of body) {
            uploaded.push(chunk);
            size += chunk.length;
          }
          return { path: '/tmp/x', size: Math.min(size, args.size) };
        },
      },
      engine: {
        statusChanges: async function* (_args: unknown, ctx: { signal: AbortSignal }) {
          streamSignals.push(ctx.signal);
          yield { state: 'starting', managed: true } satisfies EngineStatus;
          yield { state: 'running', managed: true } satisfies EngineStatus;
          await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
        },
      },
    });
    router = registerIpcRouter({
      dispatcher: createDispatcher(contract, fake.impl, { batchMs: 1 }),
      openExternal: async (url) => void opened.push(url),
      pickComposeFiles: async () => ['/srv/app/compose.yaml', '/srv/app/compose.override.yaml'],
      log: (l) => logs.push(l),
    });
    contents = new FakeWebContents();
    await contents.loadURL('app://berth/index.html');
    attachRenderer(contents);
    exposeBerthBridge();
    await settle();
  });
  afterEach(() => router.dispose());

  const berth = () => contextBridge.exposed.berth as BerthApi;
  const host = () => contextBridge.exposed.berthHost as { kind: string; openExternal(url: string): Promise<void>; pickComposeFiles(): Promise<string[]> };

  it('exposes window.berth (every contract domain) and window.berthHost', () => {
    expect(Object.keys(berth())).toEqual(Object.keys(contract));
    expect(typeof berth().containers.list).toBe('function');
    expect(host().kind).toBe('electron');
  });

  it('round-trips a call: preload client → ipc → router → implementation', async () => {
    expect(await berth().containers.list({ all: false })).toEqual([container]);
    expect(fake.calls).toEqual([{ name: 'containers.list', args: { all: false } }]);
  });

  it('returns VALIDATION naming the field, as plain data that survives contextBridge', async () => {
    const err = await berth().containers.list({ all: 'yes' } as never).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'BerthError', code: 'VALIDATION', message: expect.stringContaining('"all"') });
    expect(Object.getPrototypeOf(err)).toBe(Object.prototype);
    expect(fake.calls).toEqual([]);
  });

  it('streams batches and unsubscribes on dispose', async () => {
    const events: EngineStatus[] = [];
    const sub = berth().engine.statusChanges({}, { next: (e) => events.push(...e) });
    await vi.waitFor(() => expect(events.map((e) => e.state)).toEqual(['starting', 'running']));
    sub.dispose();
    await vi.waitFor(() => expect(streamSignals[0]?.aborted).toBe(true));
  });

  it('carries download bytes as Uint8Array (structured clone, only their own bytes), not base64', async () => {
    const chunks: Uint8Array[] = [];
    await new Promise<void>((resolve, reject) =>
      berth().containers.download({ id: 'c1', path: '/f.bin' }, { start: () => undefined, data: (d) => void chunks.push(d), end: resolve, error: reject }),
    );
    expect(chunks.every((d) => d instanceof Uint8Array && typeof (d as unknown) !== 'string')).toBe(true);
    expect(chunks.reduce((n, d) => n + d.length, 0)).toBe(600 * 1024);
    expect(chunks[0]?.[251]).toBe(0);
    const sent = contents.sent.map((m) => m.args[0] as { t: string; data?: Uint8Array }).filter((m) => m.t === 'bytes');
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((m) => m.data!.buffer.byteLength === m.data!.length)).toBe(true);
  });

  it('carries upload bytes to the back end as Uint8Array', async () => {
    const data = new Uint8Array(700 * 1024).map((_, i) => i % 7);
    let off = 0;
    const done = await new Promise((resolve, reject) =>
      berth().containers.upload({ id: 'c1', path: '/tmp', name: 'x', size: data.length }, {
        read: (max) => (off >= data.length ? null : data.subarray(off, (off = Math.min(off + max, data.length)))),
        done: resolve,
        error: reject,
      }),
    );
    expect(done).toEqual({ path: '/tmp/x', size: data.length });
    expect(uploaded.every((d) => d instanceof Uint8Array)).toBe(true);
    const joined = new Uint8Array(uploaded.reduce((n, d) => n + d.length, 0));
    uploaded.reduce((o, d) => (joined.set(d, o), o + d.length), 0);
    expect(Buffer.from(joined).equals(Buffer.from(data))).toBe(true);
  });

  it('drops messages from a sub-frame', async () => {
    attachRenderer(contents, new FakeFrame('app://berth/index.html', contents.mainFrame));
    ipcRenderer.send(RPC_CHANNEL, { t: 'call', id: 99, name: 'containers.list', args: {} });
    await settle();
    expect(fake.calls).toEqual([]);
    expect(contents.sent.some((m) => (m.args[0] as { id?: number }).id === 99)).toBe(false);
    expect(logs.join('\n')).toMatch(/dropped .*sub-frame/);
  });

  it('drops messages from a foreign origin and from a vanished frame', async () => {
    contents.mainFrame.url = 'https://evil.example/';
    ipcRenderer.send(RPC_CHANNEL, { t: 'call', id: 98, name: 'containers.list', args: {} });
    attachRenderer(contents, null);
    ipcRenderer.send(RPC_CHANNEL, { t: 'call', id: 97, name: 'containers.list', args: {} });
    await settle();
    expect(fake.calls).toEqual([]);
    expect(contents.sent).toEqual([]);
    expect(logs.join('\n')).toMatch(/foreign page \(https:\/\/evil\.example\/\)/);
    expect(logs.join('\n')).toMatch(/frame is gone/);
  });

  it('closes the connection when the webContents is destroyed', async () => {
    berth().engine.statusChanges({}, { next: () => undefined });
    await vi.waitFor(() => expect(streamSignals).toHaveLength(1));
    contents.destroy();
    expect(streamSignals[0]?.aborted).toBe(true);
  });

  it('starts a fresh connection for a new page load', async () => {
    berth().engine.statusChanges({}, { next: () => undefined });
    await vi.waitFor(() => expect(streamSignals).toHaveLength(1));
    contents.startNavigation('app://berth/index.html');
    expect(streamSignals[0]?.aborted).toBe(true);
    // The reloaded page announces itself and works on a new connection.
    ipcRenderer.send(CONNECT_CHANNEL);
    expect(await berth().containers.list({})).toEqual([container]);
  });

  it('opens only http(s) links externally, and only for the app page', async () => {
    await host().openExternal('https://docs.docker.com/');
    await expect(host().openExternal('file:///etc/passwd')).rejects.toThrow(/Only http and https/);
    await expect(host().openExternal('javascript:alert(1)')).rejects.toThrow(/Only http and https/);
    contents.mainFrame.url = 'https://evil.example/';
    await expect(host().openExternal('https://evil.example/x')).rejects.toThrow(/Not allowed/);
    expect(opened).toEqual(['https://docs.docker.com/']);
  });

  it('hands the page the compose files chosen in the native dialog, and only the app page', async () => {
    expect(await host().pickComposeFiles()).toEqual(['/srv/app/compose.yaml', '/srv/app/compose.override.yaml']);
    contents.mainFrame.url = 'https://evil.example/';
    await expect(host().pickComposeFiles()).rejects.toThrow(/Not allowed/);
  });
});
