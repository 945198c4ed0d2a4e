import { describe, expect, it } from 'vitest';
import { containerName, mapContainerSummary, mapPorts } from './container-summary.js';

describe('mapContainerSummary', () => {
  it('maps an engine container to the wire shape', () => {
    const c = mapContainerSummary({
      Id: 'abc123',
      Names: ['/proj-web-1'],
      Image: 'nginx:1.27',
      ImageID: 'sha256:1',
      Command: 'nginx -g daemon off;',
      Created: 1_700_000_000,
      State: 'running',
      Status: 'Up 3 minutes',
      Ports: [
        { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      ],
      Labels: { 'com.docker.compose.project': 'proj', 'com.docker.compose.service': 'web', other: 'x' },
    }, 1_700_000_900_000);
    expect(c).toEqual({
      id: 'abc123',
      name: 'proj-web-1',
      image: 'nginx:1.27',
      imageId: 'sha256:1',
      command: 'nginx -g daemon off;',
      state: 'running',
      status: 'Up 3 minutes',
      // Read at 1_700_000_900_000: "3 minutes" stands for 3–4 minutes, so the middle, 3.5 minutes, earlier.
      statusSince: 1_700_000_900_000 - 210_000,
      ports: [{ ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' }],
      created: 1_700_000_000_000,
      labels: { 'com.docker.compose.project': 'proj', 'com.docker.compose.service': 'web', other: 'x' },
      composeProject: 'proj',
      composeService: 'web',
    });
  });

  it('copes with missing fields and unknown states', () => {
    const c = mapContainerSummary({ Id: 'abcdef0123456789', State: 'weird', Labels: null });
    expect(c).toMatchObject({ name: 'abcdef012345', state: 'dead', ports: [], labels: {}, created: 0 });
    expect(c).not.toHaveProperty('composeProject');
    expect(c).not.toHaveProperty('networkMode');
  });

  it('keeps the network mode, which tells whether the container can join other networks', () => {
    expect(mapContainerSummary({ Id: 'a', HostConfig: { NetworkMode: 'container:b' } }).networkMode).toBe('container:b');
  });
});

describe('containerName', () => {
  it('prefers the own name over legacy link aliases', () => {
    expect(containerName(['/app/db', '/db'])).toBe('db');
    expect(containerName(['/web'])).toBe('web');
  });
});

describe('mapPorts', () => {
  it('keeps specific addresses distinct, unpublished ports once, and sorts', () => {
    expect(
      mapPorts([
        { IP: '::1', PrivatePort: 53, PublicPort: 5353, Type: 'udp' },
        { IP: '127.0.0.1', PrivatePort: 53, PublicPort: 5353, Type: 'udp' },
        { PrivatePort: 443, Type: 'tcp' },
        { IP: '::', PrivatePort: 22, PublicPort: 2222, Type: 'tcp' },
        { IP: '0.0.0.0', PrivatePort: 22, PublicPort: 2222, Type: 'tcp' },
        { IP: '0.0.0.0', PrivatePort: 22, PublicPort: 2223, Type: 'tcp' },
      ]),
    ).toEqual([
      { ip: '0.0.0.0', privatePort: 22, publicPort: 2222, type: 'tcp' },
      { ip: '0.0.0.0', privatePort: 22, publicPort: 2223, type: 'tcp' },
      { ip: '127.0.0.1', privatePort: 53, publicPort: 5353, type: 'udp' },
      { ip: '::1', privatePort: 53, publicPort: 5353, type: 'udp' },
      { privatePort: 443, type: 'tcp' },
    ]);
  });

  it('shows an IPv6-only wildcard publication as one mapping', () => {
    expect(mapPorts([{ IP: '::', PrivatePort: 80, PublicPort: 80, Type: 'tcp' }])).toEqual([{ ip: '0.0.0.0', privatePort: 80, publicPort: 80, type: 'tcp' }]);
  });
});
