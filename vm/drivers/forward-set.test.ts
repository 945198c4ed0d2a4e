import { describe, expect, it } from 'vitest';
import type { VmPortForward } from '../driver.js';
import { ForwardSet } from './forward-set.js';

const fwd = (hostPort: number): VmPortForward => ({ protocol: 'tcp', hostIp: '127.0.0.1', hostPort, guestPort: 80 });

describe('ForwardSet', () => {
  it('lists what it holds; disposing one ends that forward only, and forgets it', () => {
    const set = new ForwardSet();
    const ended: number[] = [];
    const a = set.add(fwd(1), { dispose: () => ended.push(1) });
    set.add(fwd(2), { dispose: () => ended.push(2) });
    expect(set.list().map((f) => f.hostPort)).toEqual([1, 2]);
    a.dispose();
    a.dispose();
    expect(ended).toEqual([1]);
    expect(set.list().map((f) => f.hostPort)).toEqual([2]);
  });

  it('disposeAll ends every forward and leaves none', () => {
    const set = new ForwardSet();
    const ended: number[] = [];
    set.add(fwd(1), { dispose: () => ended.push(1) });
    set.add(fwd(2), { dispose: () => ended.push(2) });
    set.disposeAll();
    expect(ended).toEqual([1, 2]);
    expect(set.list()).toEqual([]);
  });
});
