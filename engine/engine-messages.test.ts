import { describe, expect, it } from 'vitest';
import { readableEngineMessage } from './engine-messages.js';

/** Real texts from dockerd 20.10 (collected with the docker CLI and curl against the test engine). */
const cases: [string, string, string | undefined][] = [
  [
    'Conflict. The container name "/web-1" is already in use by container "6b20612627b8e68c375d561efadb1e435544cc89b2204864fdecca5dd59a0fc1". You have to remove (or rename) that container to be able to reuse that name.',
    'A container named web-1 already exists',
    'CONFLICT',
  ],
  [
    'driver failed programming external connectivity on endpoint web-2 (3a365edc319a3b8e78bee5f11df1eb7de8e90dd92e36da8aa9e55e5a7e212d86): Bind for 0.0.0.0:18080 failed: port is already allocated',
    'Port 18080 is already in use by another container',
    'CONFLICT',
  ],
  [
    'driver failed programming external connectivity on endpoint h3b-probe-d (73b212f410deaec3ac4391275e2a6977e9e64876814bb28afe49f77751b7a930): Error starting userland proxy: listen tcp4 0.0.0.0:18090: bind: address already in use',
    'Port 18090 is already in use on this machine (by a program outside Docker)',
    'CONFLICT',
  ],
  ['Error starting userland proxy: listen tcp6 [::]:8080: bind: address already in use', 'Port 8080 is already in use on this machine (by a program outside Docker)', 'CONFLICT'],
  ['Cannot kill container: h3b-probe-b: Container 67c1892ed46ab54d9ec4c9afa18814e34dbbf276ce8b8c9f770ccb9ebc1478b5 is not running', 'Container h3b-probe-b is not running', 'CONFLICT'],
  ['Container 67c1892ed46ab54d9ec4c9afa18814e34dbbf276ce8b8c9f770ccb9ebc1478b5 is not running', 'Container 67c1892ed46a is not running', 'CONFLICT'],
  ['Container 6b20612627b8e68c375d561efadb1e435544cc89b2204864fdecca5dd59a0fc1 is already paused', 'Container 6b20612627b8 is already paused', 'CONFLICT'],
  ['Container 6b20612627b8e68c375d561efadb1e435544cc89b2204864fdecca5dd59a0fc1 is not paused', 'Container 6b20612627b8 is not paused', 'CONFLICT'],
  [
    'You cannot remove a running container 6b20612627b8e68c375d561efadb1e435544cc89b2204864fdecca5dd59a0fc1. Stop the container before attempting removal or force remove',
    'Container 6b20612627b8 is running: stop it first, or remove it with force',
    'CONFLICT',
  ],
  ['No such image: nosuch/image:1.0', 'Image nosuch/image:1.0 is not present locally', 'NOT_FOUND'],
  ['no such image: nosuch:1: No such image: nosuch:1', 'Image nosuch:1 is not present locally', 'NOT_FOUND'],
  ['manifest for 127.0.0.1:5000/nosuch:1.0 not found: manifest unknown: manifest unknown', 'Image 127.0.0.1:5000/nosuch:1.0 was not found in its registry (manifest unknown)', 'NOT_FOUND'],
  ['Head "http://127.0.0.1:5001/v2/nosuch/manifests/1.0": no basic auth credentials', 'The registry 127.0.0.1:5001 needs you to log in (no credentials were sent)', undefined],
  ['login attempt to http://127.0.0.1:5001/v2/ failed with status: 401 Unauthorized', 'Login to 127.0.0.1:5001 failed: wrong user name or password', undefined],
  ['unauthorized: incorrect username or password', 'The registry rejected the user name or password', undefined],
  [
    "pull access denied for nosuch, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    'Access to nosuch was denied: the repository does not exist, or its registry needs you to log in',
    undefined,
  ],
  [
    'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host',
    'Cannot reach the registry registry-1.docker.io: its host name could not be resolved (are you offline?)',
    undefined,
  ],
  ['Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused', 'Cannot reach the registry 127.0.0.1:5999: connection refused', undefined],
  ['invalid reference format: repository name must be lowercase', 'Invalid image reference: repository names must be lowercase', undefined],
  ['Invalid container name (a b), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed', 'Invalid container name "a b": use letters, digits, _ . - starting with a letter or digit', undefined],
  ['Minimum memory limit allowed is 6MB', 'Memory limit must be at least 6m', undefined],
  [
    'Cannot update container c01f64b68d1c57fce7f6e4f12064849535c185f93997e8d553cba8e6e2a1094c: Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time',
    'The memory limit must stay below the container’s memory+swap limit: change both together',
    undefined,
  ],
  ['Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available', 'CPU limit must be between 0.01 and 2.00: the engine has only 2 CPUs', undefined],
  ["can't create 'AutoRemove' container with restart policy", 'Auto-remove can’t be combined with a restart policy: choose one', undefined],
  ['network nosuchnet not found', 'Network nosuchnet does not exist', 'NOT_FOUND'],
  [
    'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown',
    'The command "nosuchcmd" was not found in the container (it is not on its $PATH)',
    undefined,
  ],
  [
    'conflict: unable to remove repository reference "berth-test/busybox:latest" (must force) - container 6b20612627b8 is using its referenced image 9a2dea7984a0',
    'Image berth-test/busybox:latest is used by container 6b20612627b8: remove that container first, or force the removal',
    'CONFLICT',
  ],
  ['invalid mount config for type "bind": bind source path does not exist: /srv/missing', 'Host path /srv/missing does not exist', 'NOT_FOUND'],
  [
    'remove data1: volume is in use - [6b20612627b8e68c375d561efadb1e435544cc89b2204864fdecca5dd59a0fc1]',
    'Volume data1 is in use by container 6b20612627b8',
    'CONFLICT',
  ],
];

describe('readableEngineMessage', () => {
  it.each(cases)('%s', (text, readable, code) => {
    const r = readableEngineMessage(text);
    expect(r?.message).toBe(readable);
    expect(r?.code).toBe(code);
  });

  it('reports the port and its reason in details', () => {
    expect(readableEngineMessage('Bind for 127.0.0.1:8080 failed: port is already allocated')?.details).toEqual({ reason: 'port-allocated', port: 8080, hostIp: '127.0.0.1' });
  });

  it('leaves unknown texts alone', () => {
    expect(readableEngineMessage('driver failed')).toBeUndefined();
    expect(readableEngineMessage('No such container: web')).toBeUndefined();
  });
});
