import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serviceCreateBody } from './create-body.js';
import { loadProject } from './load-project.js';

const root = mkdtempSync(path.join(tmpdir(), 'berth-tmpfs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Load a one-service project whose service has these extra lines (indented under it). */
async function load(name: string, lines: string) {
  const file = path.join(root, `${name}.yaml`);
  writeFileSync(file, `services:\n  app:\n    image: berth-test/busybox:latest\n${lines}`);
  return { file, result: await loadProject({ files: [file], env: {}, projectName: 'h4-tmpfs' }) };
}

describe('compose tmpfs mounts', () => {
  it('sends the short syntax options (size, mode) to the engine as docker compose does', async () => {
    const { result } = await load('short', '    tmpfs:\n      - /x:size=64m,mode=1777\n      - /plain\n');
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const svc = result.project.services[0]!;
    expect(svc.volumes).toEqual([{ type: 'tmpfs', target: '/x', options: 'size=64m,mode=1777' }, { type: 'tmpfs', target: '/plain', options: '' }]);
    const host = serviceCreateBody(result.project, svc, 1).body.HostConfig as { Tmpfs?: Record<string, string>; Mounts: unknown[] };
    expect(host.Tmpfs).toEqual({ '/x': 'size=64m,mode=1777', '/plain': '' });
    expect(host.Mounts).toEqual([]);
  });

  it('keeps a long syntax size in bytes, as a tmpfs mount', async () => {
    const { result } = await load('long', '    volumes:\n      - type: tmpfs\n        target: /y\n        tmpfs:\n          size: 64m\n');
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const svc = result.project.services[0]!;
    expect(svc.volumes).toEqual([{ type: 'tmpfs', target: '/y', size: 64 * 1024 * 1024 }]);
    expect((serviceCreateBody(result.project, svc, 1).body.HostConfig as { Mounts: unknown[] }).Mounts).toEqual([{ Type: 'tmpfs', Target: '/y', TmpfsOptions: { SizeBytes: 64 * 1024 * 1024 } }]);
  });

  it.each([
    ['64MiB', 64 * 1024 * 1024],
    ['64Mi', 64 * 1024 * 1024],
    ['1g', 1024 ** 3],
    ['1.5G', 1.5 * 1024 ** 3],
    ['512kb', 512 * 1024],
    [1048576, 1048576],
  ])('takes a long syntax size in the units docker compose takes (%s)', async (size, bytes) => {
    const { result } = await load(`units-${String(size).replace(/\W/g, '_')}`, `    volumes:\n      - type: tmpfs\n        target: /y\n        tmpfs:\n          size: ${size}\n`);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(result.ok && result.project.services[0]!.volumes).toEqual([{ type: 'tmpfs', target: '/y', size: bytes }]);
  });

  it('takes the same units in a memory limit', async () => {
    const { result } = await load('memory-units', '    deploy:\n      resources:\n        limits:\n          memory: 64Mi\n');
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(result.ok && result.project.services[0]!.limits?.memory).toBe(64 * 1024 * 1024);
  });

  it.each([
    ['short, a unit the kernel refuses', '    tmpfs: /x:size=64MiB\n', 4, 'the kernel takes this size only as a whole number with k, m, g or t'],
    ['short, a fraction', '    tmpfs: /x:size=1.5g\n', 4, 'the kernel takes this size only'],
    ['short, not a size', '    tmpfs: /x:size=lots\n', 4, 'tmpfs: "/x:size=lots": Tmpfs size must be like 64m or 1g, more than 0 (got "lots")'],
    ['short, zero', '    tmpfs:\n      - /ok\n      - /x:mode=1777,size=0\n', 6, '(got "0")'],
    ['short, relative path', '    tmpfs: run:size=1m\n', 4, 'the container path "run" in "run:size=1m" must be absolute'],
    ['long, not a size', '    volumes:\n      - type: tmpfs\n        target: /y\n        tmpfs:\n          size: lots\n', 8, 'is not a valid size'],
    ['long, zero', '    volumes:\n      - type: tmpfs\n        target: /y\n        tmpfs:\n          size: 0\n', 5, 'volumes: tmpfs size: Tmpfs size must be like 64m or 1g, more than 0'],
  ])('refuses a bad one (%s), naming the line', async (name, lines, line, message) => {
    const { file, result } = await load(name.replace(/\W+/g, '-'), lines);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors, JSON.stringify(result.errors)).toContainEqual(expect.objectContaining({ file, line, message: expect.stringContaining(message) }));
  });

  it('takes a share of the RAM as the kernel does', async () => {
    const { result } = await load('percent', '    tmpfs: /x:size=50%\n');
    expect(result.ok && result.project.services[0]!.volumes).toEqual([{ type: 'tmpfs', target: '/x', options: 'size=50%' }]);
  });
});
