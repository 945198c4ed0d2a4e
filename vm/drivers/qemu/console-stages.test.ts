import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleFollower, parseStages } from './console-stages.js';

describe('console stages', () => {
  it('parses markers among kernel noise', () => {
    expect(parseStages('[    0.1] x\r\nberth-stage initramfs 1.52\r\nfoo\nberth-stage init 2.9\n')).toEqual([
      { name: 'initramfs', guestUptimeS: 1.52 },
      { name: 'init', guestUptimeS: 2.9 },
    ]);
  });

  it('follows a growing log, each marker once, only complete lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-'));
    const log = join(dir, 'console.log');
    const f = new ConsoleFollower(log);
    expect(f.poll()).toEqual([]);
    writeFileSync(log, 'boot\nberth-stage init 1.0\nberth-stage conta');
    expect(f.poll().map((s) => s.name)).toEqual(['init']);
    appendFileSync(log, 'inerd 2.0\nberth-stage init 1.0\n');
    expect(f.poll()).toEqual([{ name: 'containerd', guestUptimeS: 2 }]);
    rmSync(dir, { recursive: true });
  });
});
