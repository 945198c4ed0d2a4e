import { describe, expect, it, vi } from 'vitest';
import { ExecSessionRegistry } from './session-registry.js';

const handle = () => ({ write: vi.fn(), resize: vi.fn(async () => undefined) });

describe('ExecSessionRegistry', () => {
  it('gives the owner its session, and another connection the same NOT_FOUND as an unknown id', () => {
    const reg = new ExecSessionRegistry();
    const h = handle();
    const { id } = reg.add('conn-a', h);
    expect(id).toMatch(/^[a-f0-9]{32}$/);
    reg.get(id, 'conn-a').write('ls\n');
    expect(h.write).toHaveBeenCalledWith('ls\n');
    const other = (() => {
      try {
        reg.get(id, 'conn-b');
      } catch (e) {
        return e;
      }
    })();
    const unknown = (() => {
      try {
        reg.get('0'.repeat(32), 'conn-a');
      } catch (e) {
        return e;
      }
    })();
    expect(other).toMatchObject({ code: 'NOT_FOUND' });
    expect((other as Error).message).toBe((unknown as Error).message);
    expect(h.write).toHaveBeenCalledTimes(1);
  });

  it('forgets a removed session; ids are unique', () => {
    const reg = new ExecSessionRegistry();
    const a = reg.add('c', handle());
    const b = reg.add('c', handle());
    expect(a.id).not.toBe(b.id);
    expect(reg.size).toBe(2);
    a.remove();
    expect(reg.size).toBe(1);
    expect(() => reg.get(a.id, 'c')).toThrow(/ended/);
    expect(() => reg.get(b.id, 'c')).not.toThrow();
  });
});
