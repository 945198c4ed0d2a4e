import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { guestKernel } from './machine-input.js';

const dir = mkdtempSync(join(tmpdir(), 'qemu-machine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('guestKernel', () => {
  it('boots vmlinuz, also where the x86 image has the uncompressed vmlinux (its PVH entry panicked guests)', () => {
    const img = mkdtempSync(join(dir, 'img-'));
    writeFileSync(join(img, 'vmlinux'), '');
    expect(guestKernel(img)).toBe(join(img, 'vmlinuz'));
  });
});
