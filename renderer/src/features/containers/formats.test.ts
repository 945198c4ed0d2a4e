import { describe, expect, it } from 'vitest';
import { shortImageName } from './formats.js';

describe('shortImageName', () => {
  it('keeps the last part of the repository and the tag', () => {
    expect(shortImageName('berth-test/busybox:latest')).toBe('busybox:latest');
    expect(shortImageName('127.0.0.1:5000/team/app:1.2')).toBe('app:1.2');
    expect(shortImageName('nginx')).toBe('nginx');
  });

  it('shortens a digest and an image ID to 12 hex digits, as docker ps does', () => {
    const hex = '3f2a'.repeat(16);
    expect(shortImageName(`ghcr.io/org/app@sha256:${hex}`)).toBe(`app@${hex.slice(0, 12)}`);
    expect(shortImageName(`sha256:${hex}`)).toBe(hex.slice(0, 12));
    expect(shortImageName(hex)).toBe(hex.slice(0, 12));
  });
});
