import { BerthError } from '../../contract/errors.js';

/**
 * Why the engine could not mount a volume, from the last clause of its message (the local driver's
 * mount(2) error, as dockerd 20.10 words it: "error while mounting volume '/var/lib/docker/volumes/
 * x/_data': failed to mount local volume: mount :/export:/var/lib/docker/volumes/x/_data, data:
 * addr=10.0.0.5: no such device"). NFS is what driver options mostly mount, so the words name it.
 */
const reasons: { re: RegExp; why(server: string, device: string): string }[] = [
  { re: /no such device$/i, why: () => 'the engine’s machine cannot mount this kind of file system (for NFS: its kernel has no NFS support)' },
  { re: /connection refused$/i, why: (s) => `the server${s} refused the connection: is its NFS service running?` },
  { re: /(connection timed out|no route to host|network is unreachable|i\/o timeout)$/i, why: (s) => `the server${s} could not be reached from the engine` },
  { re: /(permission denied|access denied by server)/i, why: (s, d) => `the server${s} refused to share ${d || 'the export'}: check its exports allow the engine’s machine` },
  { re: /no such file or directory$/i, why: (s, d) => `${d || 'the export'} does not exist on the server${s}` },
  { re: /operation not permitted$/i, why: () => 'the engine may not mount file systems (a rootless engine cannot mount NFS)' },
  { re: /invalid argument$/i, why: () => 'the driver options do not make a valid mount: NFS needs type=nfs, o=addr=<server>[,options] and device=:<exported path>' },
];

/** mount(2)'s MS_BIND flag, as the engine's message shows the flags ("flags: 0x1000"). */
const MS_BIND = 0x1000;

/** The engine's mount failure for volume `name` in plain words with its own text after them, or undefined when `message` is no mount failure. */
export function mountError(message: string, name: string): BerthError | undefined {
  const lookup = /error resolving passed in network volume address: lookup (\S+?)(?: on \S+)?: no such host/i.exec(message);
  if (lookup) return failed(name, `the server name ${lookup[1]} could not be resolved`, message);
  const m = /failed to mount local volume: (.*)$/is.exec(message);
  if (!m) return undefined;
  // "mount <device>:<target>[, flags: 0x<n>][, data: <o>]: <error>": the device may hold a colon itself (":/export", "nas:/export").
  const mount = /^mount (.*):(\/\S*?\/_data)(?:, flags: 0x([0-9a-f]+))?(?:, data: (\S*))?:/i.exec(m[1]!.trim());
  const device = mount?.[1] ?? '';
  // The engine's own path (where volumes live on its machine) means nothing here: left out.
  const detail = mount ? m[1]!.trim().replace(`:${mount[2]}`, '') : m[1]!.trim();
  // A bind (type=none, o=bind: MS_BIND in the flags) mounts a folder of the engine's machine: no server in it.
  if (mount?.[3] && (parseInt(mount[3], 16) & MS_BIND) !== 0) {
    const why = /no such file or directory$/i.test(detail) ? `${device} does not exist on the engine’s machine: a bind volume’s device must be an existing folder there` : 'the bind mount of its device failed';
    return failed(name, why, message, detail);
  }
  const addr = /(?:^|,)addr=([^,]+)/.exec(mount?.[4] ?? '')?.[1];
  const server = addr ? ` ${addr}` : '';
  const reason = reasons.find((r) => r.re.test(detail));
  return failed(name, reason ? reason.why(server, device) : 'the local driver’s mount failed', message, detail);
}

function failed(name: string, why: string, engineMessage: string, detail = engineMessage): BerthError {
  // A question ends its own sentence ("is its NFS service running?"): no full stop after it.
  return new BerthError('ENGINE_ERROR', `Volume ${name} could not be mounted: ${why}${why.endsWith('?') ? '' : '.'} Engine: ${detail}`, { reason: 'mount-failed', engineMessage });
}
