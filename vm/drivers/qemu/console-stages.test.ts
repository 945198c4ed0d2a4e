import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleFollower, findPanic, parseStages } from './console-stages.js';

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

describe('console panic', () => {
  it('keeps the first panic line, once it is complete', () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-'));
    const log = join(dir, 'console.log');
    const f = new ConsoleFollower(log);
    writeFileSync(log, '[    1.52] RIP: sched_clock_cpu+0x1\r\n[    1.53] Kernel panic - not syncing: Fatal exc');
    f.poll();
    expect(f.panic).toBeUndefined();
    appendFileSync(log, 'eption in interrupt\r\n[    1.60] Kernel panic - not syncing: second\n');
    f.poll();
    expect(f.panic).toBe('Kernel panic - not syncing: Fatal exception in interrupt');
    expect(findPanic('berth-stage init 2.9\n')).toBeUndefined();
    rmSync(dir, { recursive: true });
  });
});
