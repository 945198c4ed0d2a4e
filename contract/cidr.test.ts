import { describe, expect, it } from 'vitest';
import { contains, containsCidr, formatIp, overlaps, parseCidr, parseIp, type Cidr } from './cidr.js';

const cidr = (t: string): Cidr => {
  const r = parseCidr(t);
  if (!r.ok) throw new Error(r.message);
  return r.cidr;
};

describe('cidr', () => {
  it('parses IPv4 and IPv6 addresses, and refuses what is neither', () => {
    expect(parseIp('10.213.0.1')).toEqual({ version: 4, value: 0x0ad50001n });
    expect(parseIp('fd00::1')).toEqual({ version: 6, value: (0xfd00n << 112n) | 1n });
    expect(parseIp('::ffff:10.0.0.1')?.value).toBe((0xffffn << 32n) | 0x0a000001n);
    for (const bad of ['10.0.0', '10.0.0.256', '01.2.3.4', 'fd00:::1', '1::2::3', 'x', '1:2:3:4:5:6:7:8:9']) expect(parseIp(bad)).toBeUndefined();
  });

  it('formats addresses back, shortening the longest run of zero groups', () => {
    expect(formatIp(parseIp('10.213.0.1')!)).toBe('10.213.0.1');
    expect(formatIp(parseIp('fd00:0:0:1:0:0:0:1')!)).toBe('fd00:0:0:1::1');
    expect(formatIp(parseIp('fd00::')!)).toBe('fd00::');
  });

  it('gives a specific reason for each bad block', () => {
    expect(parseCidr('10.213.0.0')).toEqual({ ok: false, message: 'A subnet needs a prefix length, e.g. 10.213.0.0/24 (got "10.213.0.0")' });
    expect(parseCidr('10.213.0.0/33')).toEqual({ ok: false, message: 'A subnet has a bad prefix length "/33": it must be 0 to 32 for IPv4' });
    expect(parseCidr('10.300.0.0/16')).toMatchObject({ ok: false, message: expect.stringContaining('"10.300.0.0" is not an IP address') });
    expect(parseCidr('10.213.0.5/24')).toEqual({ ok: false, message: 'A subnet "10.213.0.5/24" has host bits set: did you mean 10.213.0.0/24?' });
    expect(parseCidr('fd00::1/64')).toMatchObject({ ok: false, message: expect.stringContaining('did you mean fd00::/64?') });
  });

  it('answers containment and overlap, never across versions', () => {
    expect(contains(cidr('10.213.0.0/24'), parseIp('10.213.0.255')!)).toBe(true);
    expect(contains(cidr('10.213.0.0/24'), parseIp('10.213.1.0')!)).toBe(false);
    expect(containsCidr(cidr('10.213.0.0/16'), cidr('10.213.5.0/24'))).toBe(true);
    expect(containsCidr(cidr('10.213.5.0/24'), cidr('10.213.0.0/16'))).toBe(false);
    expect(overlaps(cidr('10.213.0.0/16'), cidr('10.213.200.0/24'))).toBe(true);
    expect(overlaps(cidr('10.213.0.0/24'), cidr('10.213.1.0/24'))).toBe(false);
    expect(overlaps(cidr('0.0.0.0/0'), cidr('fd00::/8'))).toBe(false);
  });
});
