import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { app, protocol, resetFakeElectron } from './testing/fake-electron.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';

describe('app:// protocol', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-app-'));
    await mkdir(join(dir, 'ui', 'assets'), { recursive: true });
    await writeFile(join(dir, 'ui', 'index.html'), '<!doctype html><title>Berth</title>');
    await writeFile(join(dir, 'ui', 'assets', 'main-1.js'), 'export {}');
    await writeFile(join(dir, 'secret'), 'nope');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  beforeEach(() => resetFakeElectron());

  it('registers app as a standard, secure scheme before ready', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('serves the UI with the CSP and MIME types, and nothing outside it', async () => {
    app.makeReady();
    await serveAppProtocol(join(dir, 'ui'), () => undefined);
    const handle = protocol.handlers.get('app')!;
    const index = await handle(new Request('app://berth/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self';/);
    expect(await index.text()).toContain('<title>Berth</title>');
    const js = await handle(new Request('app://berth/assets/main-1.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await handle(new Request('app://berth/containers'))).status).toBe(200);
    expect((await handle(new Request('app://berth/assets/none.js'))).status).toBe(404);
    for (const url of ['app://berth/%2e%2e/secret', 'app://berth/..%2fsecret', 'app://berth/assets/..%2f..%2fsecret']) {
      expect(await (await handle(new Request(url))).text(), url).not.toContain('nope');
    }
    expect((await handle(new Request('app://berth/..%2fsecret'))).status).toBe(400);
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
  });
});
