import { describe, expect, it } from 'vitest';
import { mountError } from './mount-error.js';

// dockerd 20.10's words when a helper mounts a local volume with NFS options (seen on this engine).
const failed = (tail: string) => `error while mounting volume '/var/lib/docker/volumes/nas/_data': failed to mount local volume: mount :/export:/var/lib/docker/volumes/nas/_data, data: addr=10.0.0.5,rw: ${tail}`;

describe('mountError', () => {
  it('says why an NFS mount failed, in words, then the engine’s own clause without its host path', () => {
    const e = mountError(failed('no such device'), 'nas');
    expect(e?.message).toBe(
      'Volume nas could not be mounted: the engine’s machine cannot mount this kind of file system (for NFS: its kernel has no NFS support). Engine: mount :/export, data: addr=10.0.0.5,rw: no such device',
    );
    expect(e?.details).toMatchObject({ reason: 'mount-failed', engineMessage: failed('no such device') });
    expect(mountError(failed('connection refused'), 'nas')?.message).toMatch(/^Volume nas could not be mounted: the server 10\.0\.0\.5 refused the connection: is its NFS service running\?/);
    expect(mountError(failed('connection timed out'), 'nas')?.message).toMatch(/: the server 10\.0\.0\.5 could not be reached from the engine\./);
    expect(mountError(failed('permission denied'), 'nas')?.message).toMatch(/: the server 10\.0\.0\.5 refused to share :\/export: check its exports/);
    expect(mountError(failed('no such file or directory'), 'nas')?.message).toMatch(/: :\/export does not exist on the server 10\.0\.0\.5\./);
    expect(mountError(failed('invalid argument'), 'nas')?.message).toMatch(/NFS needs type=nfs, o=addr=<server>\[,options\] and device=:<exported path>\./);
    expect(mountError(failed('stale file handle'), 'nas')?.message).toBe('Volume nas could not be mounted: the local driver’s mount failed. Engine: mount :/export, data: addr=10.0.0.5,rw: stale file handle');
  });

  it('reads the flags dockerd 20.10 puts before the data, and words a bind volume whose folder is missing without any server', () => {
    const bind = "error while mounting volume '/var/lib/docker/volumes/b/_data': failed to mount local volume: mount /srv/missing:/var/lib/docker/volumes/b/_data, flags: 0x1000: no such file or directory";
    expect(mountError(bind, 'b')?.message).toBe(
      'Volume b could not be mounted: /srv/missing does not exist on the engine’s machine: a bind volume’s device must be an existing folder there. Engine: mount /srv/missing, flags: 0x1000: no such file or directory',
    );
    const both = "error while mounting volume '/var/lib/docker/volumes/nas/_data': failed to mount local volume: mount :/export:/var/lib/docker/volumes/nas/_data, flags: 0x1, data: addr=10.0.0.5: connection refused";
    expect(mountError(both, 'nas')?.message).toBe('Volume nas could not be mounted: the server 10.0.0.5 refused the connection: is its NFS service running? Engine: mount :/export, flags: 0x1, data: addr=10.0.0.5: connection refused');
  });

  it('names a server name that does not resolve, and passes other errors by', () => {
    const msg = "error while mounting volume '/var/lib/docker/volumes/nas/_data': error resolving passed in network volume address: lookup nohost.invalid on 10.255.255.53:53: no such host";
    expect(mountError(msg, 'nas')?.message).toMatch(/^Volume nas could not be mounted: the server name nohost\.invalid could not be resolved\. Engine: error while mounting/);
    expect(mountError('No such container: abc', 'nas')).toBeUndefined();
  });
});
