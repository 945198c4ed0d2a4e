import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { QmpClient, QmpError } from './qmp-client.js';

/** A fake QMP server: greeting, then answers each command with `answer(cmd)`; records what it got. */
function fakeQmp(answer: (cmd: { execute: string; arguments?: unknown }, sock: Socket) => object | null) {
  const dir = mkdtempSync(join(tmpdir(), 'qmp-'));
  const path = join(dir, 'qmp.sock');
  const received: string[] = [];
  const server: Server = createServer((sock) => {
    sock.write('{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}}, "capabilities": []}}\r\n');
    let buf = '';
    sock.on('data', (d) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const cmd = JSON.parse(buf.slice(0, nl)) as { execute: string; id: string; arguments?: unknown };
        buf = buf.slice(nl + 1);
        received.push(cmd.execute);
        const reply = answer(cmd, sock);
        if (reply) sock.write(JSON.stringify({ ...reply, id: cmd.id }) + '\r\n');
      }
    });
  });
  server.listen(path);
  return { path, received, close: () => new Promise<void>((r) => server.close(() => (rmSync(dir, { recursive: true }), r()))) };
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('QmpClient', () => {
  it('negotiates capabilities, then returns command results in order', async () => {
    const fake = fakeQmp((cmd) => (cmd.execute === 'query-status' ? { return: { status: 'running', running: true } } : { return: {} }));
    cleanup = fake.close;
    const qmp = await QmpClient.connect(fake.path);
    const [a, b] = await Promise.all([qmp.execute('query-status'), qmp.execute('stop')]);
    expect(a).toEqual({ status: 'running', running: true });
    expect(b).toEqual({});
    expect(fake.received).toEqual(['qmp_capabilities', 'query-status', 'stop']);
    qmp.close();
  });

  it('rejects with the error class and description QEMU sent', async () => {
    const fake = fakeQmp((cmd) =>
      cmd.execute === 'qmp_capabilities' ? { return: {} } : { error: { class: 'CommandNotFound', desc: 'The command nope has not been found' } },
    );
    cleanup = fake.close;
    const qmp = await QmpClient.connect(fake.path);
    const err = await qmp.execute('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QmpError);
    expect((err as QmpError).errorClass).toBe('CommandNotFound');
    expect((err as Error).message).toContain('QMP nope failed: The command nope has not been found');
    qmp.close();
  });

  it('delivers events, and human monitor output', async () => {
    const fake = fakeQmp((cmd, sock) => {
      if (cmd.execute === 'system_powerdown') {
        setTimeout(() => sock.write('{"timestamp": {"seconds": 1, "microseconds": 2}, "event": "POWERDOWN"}\r\n'), 10);
      }
      if (cmd.execute === 'human-monitor-command') return { return: `ran ${JSON.stringify(cmd.arguments)}\r\n` };
      return { return: {} };
    });
    cleanup = fake.close;
    const qmp = await QmpClient.connect(fake.path);
    const event = qmp.waitForEvent('POWERDOWN', 2000);
    await qmp.execute('system_powerdown');
    expect((await event).timestamp).toEqual({ seconds: 1, microseconds: 2 });
    expect(await qmp.hmp('hostfwd_add tcp:127.0.0.1:8080-:80')).toContain('hostfwd_add tcp:127.0.0.1:8080-:80');
    await expect(qmp.waitForEvent('SHUTDOWN', 50)).rejects.toThrow('No QMP SHUTDOWN event within 50 ms');
    qmp.close();
  });

  it('rejects pending commands when QEMU goes away, and later ones at once', async () => {
    const fake = fakeQmp((cmd, sock) => {
      if (cmd.execute === 'quit') {
        sock.destroy();
        return null;
      }
      return { return: {} };
    });
    cleanup = fake.close;
    const qmp = await QmpClient.connect(fake.path);
    await expect(qmp.execute('quit')).rejects.toThrow('QMP connection closed');
    expect(qmp.closed).toBe(true);
    await expect(qmp.execute('query-status')).rejects.toThrow('QMP connection closed');
  });

  it('says plainly when nothing listens or the peer is not QMP', async () => {
    await expect(QmpClient.connect('/nonexistent/qmp.sock')).rejects.toThrow('Cannot connect to QMP at /nonexistent/qmp.sock');
    const dir = mkdtempSync(join(tmpdir(), 'qmp-'));
    const path = join(dir, 'x.sock');
    const server = createServer((s) => s.write('hello\n')).listen(path);
    cleanup = () => new Promise<void>((r) => server.close(() => (rmSync(dir, { recursive: true }), r())));
    await expect(QmpClient.connect(path)).rejects.toThrow('Not a QMP greeting');
  });
});
