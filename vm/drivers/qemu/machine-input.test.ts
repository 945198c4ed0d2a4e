import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { guestKernel } from './machine-input.js';

const dir = mkdtempSync(join(tmpdir(), 'qemu-machine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('guestKernel', () => {
  it('boots the uncompressed x86 kernel where the image has one, else vmlinuz', () => {
    const img = mkdtempSync(join(dir, 'img-'));
    expect(guestKernel(img, 'x86_64')).toBe(join(img, 'vmlinuz'));
    writeFileSync(join(img, 'vmlinux'), '');
    expect(guestKernel(img, 'x86_64')).toBe(join(img, 'vmlinux'));
    expect(guestKernel(img, 'aarch64')).toBe(join(img, 'vmlinuz'));
  });
});
