import { describe, expect, it } from 'vitest';
import { formatPort, formatPorts, portUrl } from './ports.js';

describe('formatPort', () => {
  it('shows a published port as host:public→private/proto', () => {
    expect(formatPort({ ip: '127.0.0.1', publicPort: 8080, privatePort: 80, type: 'tcp' })).toBe('127.0.0.1:8080→80/tcp');
  });
  it('brackets IPv6 hosts', () => {
    expect(formatPort({ ip: '::', publicPort: 53, privatePort: 53, type: 'udp' })).toBe('[::]:53→53/udp');
  });
  it('shows an exposed-only port as private/proto', () => {
    expect(formatPort({ privatePort: 6379, type: 'tcp' })).toBe('6379/tcp');
  });
  it('omits the host when the engine gave none', () => {
    expect(formatPort({ publicPort: 9000, privatePort: 9000, type: 'tcp' })).toBe('9000→9000/tcp');
  });
});

describe('portUrl', () => {
  it('opens wildcard and loopback bindings on localhost', () => {
    expect(portUrl({ ip: '0.0.0.0', publicPort: 8080, privatePort: 80, type: 'tcp' })).toBe('http://localhost:8080');
    expect(portUrl({ ip: '127.0.0.1', publicPort: 3000, privatePort: 3000, type: 'tcp' })).toBe('http://localhost:3000');
    expect(portUrl({ ip: '::', publicPort: 81, privatePort: 80, type: 'tcp' })).toBe('http://localhost:81');
  });
  it('uses a specific interface address as is', () => {
    expect(portUrl({ ip: '192.168.1.5', publicPort: 8080, privatePort: 80, type: 'tcp' })).toBe('http://192.168.1.5:8080');
  });
  it('has no URL for UDP or unpublished ports', () => {
    expect(portUrl({ ip: '0.0.0.0', publicPort: 53, privatePort: 53, type: 'udp' })).toBeUndefined();
    expect(portUrl({ privatePort: 80, type: 'tcp' })).toBeUndefined();
  });
});

describe('formatPorts', () => {
  it('shows a port published on 0.0.0.0 and :: once', () => {
    const views = formatPorts([
      { ip: '0.0.0.0', publicPort: 8080, privatePort: 80, type: 'tcp' },
      { ip: '::', publicPort: 8080, privatePort: 80, type: 'tcp' },
    ]);
    expect(views.map((v) => v.label)).toEqual(['0.0.0.0:8080→80/tcp']);
  });
  it('keeps an IPv6-only binding', () => {
    expect(formatPorts([{ ip: '::', publicPort: 8080, privatePort: 80, type: 'tcp' }]).map((v) => v.label)).toEqual(['[::]:8080→80/tcp']);
  });
  it('drops exact duplicates', () => {
    const p = { ip: '127.0.0.1', publicPort: 1, privatePort: 2, type: 'tcp' as const };
    expect(formatPorts([p, { ...p }])).toHaveLength(1);
  });
  it('lists published ports first, then by container port', () => {
    const views = formatPorts([
      { privatePort: 22, type: 'tcp' },
      { ip: '127.0.0.1', publicPort: 9443, privatePort: 443, type: 'tcp' },
      { ip: '127.0.0.1', publicPort: 8080, privatePort: 80, type: 'tcp' },
    ]);
    expect(views.map((v) => v.label)).toEqual(['127.0.0.1:8080→80/tcp', '127.0.0.1:9443→443/tcp', '22/tcp']);
    expect(views.map((v) => v.published)).toEqual([true, true, false]);
    expect(views[0]?.url).toBe('http://localhost:8080');
    expect(views[2]?.url).toBeUndefined();
  });
  it('puts ports that open in a browser before published UDP ports', () => {
    const views = formatPorts([
      { ip: '0.0.0.0', publicPort: 5353, privatePort: 53, type: 'udp' },
      { ip: '127.0.0.1', publicPort: 3000, privatePort: 3000, type: 'tcp' },
    ]);
    expect(views.map((v) => v.label)).toEqual(['127.0.0.1:3000→3000/tcp', '0.0.0.0:5353→53/udp']);
  });
  it('gives every view a distinct key', () => {
    const views = formatPorts([
      { ip: '127.0.0.1', publicPort: 53, privatePort: 53, type: 'tcp' },
      { ip: '127.0.0.1', publicPort: 53, privatePort: 53, type: 'udp' },
    ]);
    expect(new Set(views.map((v) => v.key)).size).toBe(2);
  });
});
