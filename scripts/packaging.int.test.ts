import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const asar = createRequire(import.meta.url)('@electron/asar') as { listPackage(archive: string, options?: object): string[] };

/**
 * Packaging, checked the way a release build runs it, minus the Electron binary (which cannot be
 * downloaded here): `electron-builder --linux dir` with a stub `electronDist` validates the config and
 * packs app.asar from what scripts/stage-app.mjs lays out. Needs a build (`npm run build`) first.
 */
describe('packaging (electron-builder --linux dir, stub Electron)', () => {
  const work = mkdtempSync(join(tmpdir(), 'berth-pkg-'));
  const appDir = join(work, 'app');
  const outDir = join(work, 'out');
  let files: string[] = [];
  let asarPath = '';

  beforeAll(async () => {
    if (!existsSync('dist/electron/main.js') || !existsSync('dist/renderer/index.html')) throw new Error('Run `npm run build` first: dist/ is missing');
    const stub = join(work, 'electron-stub');
    await run('mkdir', ['-p', stub]);
    writeFileSync(join(stub, 'electron'), '');
    chmodSync(join(stub, 'electron'), 0o755);
    await run(process.execPath, ['scripts/stage-app.mjs'], { env: { ...process.env, BERTH_APP_DIR: appDir } });
    const version = (JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }).version;
    await run(
      'npx',
      ['electron-builder', '--linux', 'dir', `-c.electronDist=${stub}`, `-c.electronVersion=${version}`, `-c.directories.app=${appDir}`, `-c.directories.output=${outDir}`],
      { env: { ...process.env, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
    );
    asarPath = join(outDir, 'linux-unpacked', 'resources', 'app.asar');
    files = asar.listPackage(asarPath);
  }, 170_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds the built main process, preload and renderer', () => {
    expect(files).toEqual(expect.arrayContaining(['/dist/electron/main.js', '/dist/electron/preload.cjs', '/dist/renderer/index.html', '/package.json']));
    expect(files.some((f) => /^\/dist\/renderer\/assets\/.+\.js$/.test(f))).toBe(true);
  });

  it('holds no test results, sources, source maps, node_modules or native modules', () => {
    expect(files.filter((f) => /test-results|\.map$|\.tsx?$|\.node$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.includes('node_modules'))).toEqual([]);
    expect(existsSync(join(outDir, 'linux-unpacked', 'resources', 'app.asar.unpacked'))).toBe(false);
  });

  it('ships a main process that loads with nothing but Electron (no node_modules beside it)', async () => {
    // A stand-in for Electron's module: every export is an inert proxy and app.whenReady() never
    // resolves, so loading main.js runs its imports and top-level code and then exits.
    const dir = join(work, 'load-check');
    await run('mkdir', ['-p', dir]);
    writeFileSync(
      join(dir, 'electron.mjs'),
      "const h = { get: (t, k) => (k === 'then' ? undefined : k === 'whenReady' ? () => new Promise(() => {}) : new Proxy(function () {}, h)), apply: () => new Proxy(function () {}, h) };\n" +
        'const p = new Proxy(function () {}, h);\nexport const app = p, BrowserWindow = p, ipcMain = p, protocol = p, session = p, shell = p, net = p, dialog = p, Menu = p, nativeTheme = p, utilityProcess = p, MessageChannelMain = p, Tray = p, Notification = p, nativeImage = p, screen = p;\nexport default p;\n',
    );
    writeFileSync(join(dir, 'hooks.mjs'), `export async function resolve(s, c, n) { return s === 'electron' ? { url: ${JSON.stringify(`file://${join(dir, 'electron.mjs')}`)}, shortCircuit: true } : n(s, c); }\n`);
    writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${join(dir, 'hooks.mjs')}`)});\n`);
    await run('cp', [join(appDir, 'dist', 'electron', 'main.js'), join(dir, 'main.mjs')]);
    const { stderr } = await run(process.execPath, ['--import', join(dir, 'register.mjs'), join(dir, 'main.mjs')], { cwd: dir, timeout: 20_000 });
    expect(stderr).not.toMatch(/Error/);
  });

  it('stays within its size budget (10 MB)', () => {
    expect(statSync(asarPath).size).toBeLessThan(10 * 1024 * 1024);
  });

  it('configures the release targets of every platform', () => {
    const build = (JSON.parse(readFileSync('package.json', 'utf8')) as { build: Record<string, { target: unknown }> }).build;
    expect(build.mac?.target).toEqual(['dmg', 'zip']);
    expect(build.win?.target).toBe('nsis');
    expect(build.linux?.target).toEqual(['AppImage', 'deb']);
  });
});
