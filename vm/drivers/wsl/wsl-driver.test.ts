import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WslCommand } from './wsl-commands.js';
import { WslDriver, type WslRunResult } from './wsl-driver.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fake wsl.exe: records each command, answers from a table keyed by the first argument. */
function fakeWsl(answers: Record<string, Partial<WslRunResult>>) {
  const calls: string[][] = [];
  const run = async (cmd: WslCommand): Promise<WslRunResult> => {
    calls.push(cmd.args);
    return { code: 0, stdout: '', stderr: '', ...answers[cmd.args[0] ?? ''] };
  };
  return { run, calls };
}

function driver(answers: Record<string, Partial<WslRunResult>>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'berth-wsl-'));
  dirs.push(dataDir);
  const wsl = fakeWsl(answers);
  return { d: new WslDriver({ dataDir, imageDir: 'C:\\img', run: wsl.run }), calls: wsl.calls, dataDir };
}

const config = { name: 'berth', resources: { cpus: 2, memoryMiB: 2048, diskGiB: 64 }, shares: [], imagePath: 'C:\\img' };

describe('WslDriver with a fake wsl.exe (Windows itself is not available here)', () => {
  it('available() off Windows says so and what to use instead', async () => {
    const { d } = driver({});
    const a = await d.available();
    if (process.platform !== 'win32') expect(a).toEqual({ ok: false, message: 'The WSL 2 driver runs only on Windows.', remedy: 'Use the QEMU driver on this system.' });
  });

  it('create imports the distro once, as WSL 2, then writes its config', async () => {
    const { d, calls, dataDir } = driver({ '--list': { stdout: 'Ubuntu\r\n' } });
    await d.create(config);
    expect(calls).toContainEqual(['--import', 'berth', join(dataDir, 'vm', 'berth', 'distro'), join('C:\\img', 'rootfs.tar.gz'), '--version', '2']);
    expect(JSON.parse(readFileSync(d.paths.config, 'utf8'))).toEqual(config);
    expect((await d.status()).state).toBe('stopped');

    const again = driver({ '--list': { stdout: 'Ubuntu\r\nberth\r\n' } });
    await again.d.create(config);
    expect(again.calls.some((c) => c[0] === '--import')).toBe(false);
    // Two sets of RSA keys for the per-VM TLS: seconds on a busy machine.
  }, 60_000);

  it('a failed import is explained in words', async () => {
    const { d } = driver({ '--import': { code: 1, stderr: 'Please enable the Virtual Machine Platform Windows feature.\r\nError code: Wsl/Service/RegisterDistro/HCS_E_HYPERV_NOT_INSTALLED' } });
    await expect(d.create(config)).rejects.toThrow(/turn on "Virtual Machine Platform"/);
  });

  it('cannot suspend; delete unregisters', async () => {
    const { d, calls } = driver({});
    expect(d.canSuspend).toBe(false);
    await expect(d.suspend()).rejects.toThrow(/stop the VM instead/);
    await d.delete();
    expect(calls).toContainEqual(['--unregister', 'berth']);
    expect((await d.status()).state).toBe('absent');
  });
});
