import type { ErrorCode } from '../contract/errors.js';

/**
 * The engine's error texts, rewritten into sentences a user understands. Each rule matches a real
 * message of dockerd (see engine-messages.test.ts for the exact texts) and may set the error code
 * and machine-readable details (e.g. the port that is taken).
 */
export interface ReadableMessage {
  message: string;
  code?: ErrorCode;
  details?: Record<string, unknown>;
}

interface Rule {
  re: RegExp;
  code?: ErrorCode;
  to(m: RegExpExecArray): string;
  details?(m: RegExpExecArray): Record<string, unknown>;
}

/** A full 64-hex container or image id → the 12-character form `docker ps` shows. */
export function shortId(id: string): string {
  return /^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id;
}

const g = (m: RegExpExecArray, i: number) => m[i] ?? '';

const rules: Rule[] = [
  // Containers
  { re: /The container name "\/?([^"]+)" is already in use/, code: 'CONFLICT', to: (m) => `A container named ${g(m, 1)} already exists`, details: (m) => ({ reason: 'name-in-use', name: g(m, 1) }) },
  {
    re: /Bind for (\S*?):(\d+) failed: port is already allocated/,
    code: 'CONFLICT',
    to: (m) => `Port ${g(m, 2)} is already in use by another container`,
    details: (m) => ({ reason: 'port-allocated', port: Number(g(m, 2)), hostIp: g(m, 1) }),
  },
  {
    re: /listen (tcp|udp|sctp)[46]? \[?([^\s\]]*?)\]?:(\d+): bind: address already in use/,
    code: 'CONFLICT',
    to: (m) => `Port ${g(m, 3)} is already in use on this machine (by a program outside Docker)`,
    details: (m) => ({ reason: 'port-in-use', port: Number(g(m, 3)), protocol: g(m, 1), hostIp: g(m, 2) }),
  },
  { re: /listen (?:tcp|udp)[46]? \S*?:(\d+): bind: permission denied/, to: (m) => `Port ${g(m, 1)} needs administrator rights on this machine: choose a port above 1023` },
  { re: /Cannot \w+ container: ([^:\s]+): Container [0-9a-f]+ is not running/, code: 'CONFLICT', to: (m) => `Container ${g(m, 1)} is not running` },
  { re: /Container ([0-9a-f]{12,64}) is not running/, code: 'CONFLICT', to: (m) => `Container ${shortId(g(m, 1))} is not running` },
  { re: /Container ([0-9a-f]{12,64}) is already paused/, code: 'CONFLICT', to: (m) => `Container ${shortId(g(m, 1))} is already paused` },
  { re: /Container ([0-9a-f]{12,64}) is not paused/, code: 'CONFLICT', to: (m) => `Container ${shortId(g(m, 1))} is not paused` },
  { re: /Container ([0-9a-f]{12,64}) is paused\. Unpause/i, code: 'CONFLICT', to: (m) => `Container ${shortId(g(m, 1))} is paused: unpause it first` },
  { re: /Container ([0-9a-f]{12,64}) is restarting/, code: 'CONFLICT', to: (m) => `Container ${shortId(g(m, 1))} is restarting: wait until it runs, or stop it` },
  {
    re: /You cannot remove a (running|paused|restarting) container ([0-9a-f]{12,64})/,
    code: 'CONFLICT',
    to: (m) => `Container ${shortId(g(m, 2))} is ${g(m, 1)}: stop it first, or remove it with force`,
  },
  { re: /can't create 'AutoRemove' container with restart policy/, to: () => 'Auto-remove can’t be combined with a restart policy: choose one' },
  { re: /Invalid container name \((.*)\), only \[a-zA-Z0-9\]/, to: (m) => `Invalid container name "${g(m, 1)}": use letters, digits, _ . - starting with a letter or digit` },
  { re: /exec: "([^"]+)": executable file not found in \$PATH/, to: (m) => `The command "${g(m, 1)}" was not found in the container (it is not on its $PATH)` },
  { re: /exec: "([^"]+)": stat [^:]+: no such file or directory/, to: (m) => `The command "${g(m, 1)}" does not exist in the container` },
  { re: /bind source path does not exist: (.+)$/m, code: 'NOT_FOUND', to: (m) => `Host path ${g(m, 1).trim()} does not exist` },
  // Limits (docker update, docker run)
  { re: /Minimum memory limit allowed is (\d+)MB/, to: (m) => `Memory limit must be at least ${g(m, 1)}m` },
  {
    re: /Memory limit should be smaller than already set memoryswap limit/,
    to: () => 'The memory limit must stay below the container’s memory+swap limit: change both together',
  },
  {
    re: /Range of CPUs is from ([\d.]+) to ([\d.]+), as there are only (\d+) CPUs available/,
    to: (m) => `CPU limit must be between ${g(m, 1)} and ${g(m, 2)}: the engine has only ${g(m, 3)} CPUs`,
  },
  { re: /Conflicting options: Nano CPUs and CPU Period cannot both be set/, to: () => 'This container’s CPU limit was set as a CPU period/quota; it can’t be changed to a number of CPUs while it runs' },
  // Images and registries
  { re: /manifest for (\S+) not found: manifest unknown/, code: 'NOT_FOUND', to: (m) => `Image ${g(m, 1)} was not found in its registry (manifest unknown)` },
  { re: /manifest unknown/, code: 'NOT_FOUND', to: () => 'The image was not found in the registry (manifest unknown)' },
  {
    re: /pull access denied for ([^,\s]+), repository does not exist or may require 'docker login'/,
    to: (m) => `Access to ${g(m, 1)} was denied: the repository does not exist, or its registry needs you to log in`,
  },
  { re: /"https?:\/\/([^/"]+)\/v2\/[^"]*": no basic auth credentials/, to: (m) => `The registry ${g(m, 1)} needs you to log in (no credentials were sent)`, details: () => ({ reason: 'unauthorized' }) },
  { re: /no basic auth credentials/, to: () => 'The registry needs you to log in (no credentials were sent)', details: () => ({ reason: 'unauthorized' }) },
  { re: /login attempt to https?:\/\/([^/\s]+)\/v2\/ failed with status: 401/, to: (m) => `Login to ${g(m, 1)} failed: wrong user name or password`, details: () => ({ reason: 'unauthorized' }) },
  { re: /unauthorized: incorrect username or password/, to: () => 'The registry rejected the user name or password', details: () => ({ reason: 'unauthorized' }) },
  { re: /unauthorized: authentication required/, to: () => 'The registry requires you to log in', details: () => ({ reason: 'unauthorized' }) },
  { re: /denied: requested access to the resource is denied/, to: () => 'The registry denied access to this repository: log in with an account allowed to use it', details: () => ({ reason: 'unauthorized' }) },
  {
    re: /"https?:\/\/([^/"]+)\/v2\/[^"]*": dial tcp[^"]*?: lookup \S+.*no such host/,
    to: (m) => `Cannot reach the registry ${g(m, 1)}: its host name could not be resolved (are you offline?)`,
  },
  { re: /"https?:\/\/([^/"]+)\/v2\/[^"]*": dial tcp \S+: connect: connection refused/, to: (m) => `Cannot reach the registry ${g(m, 1)}: connection refused` },
  { re: /"https?:\/\/([^/"]+)\/v2\/[^"]*": .*(?:i\/o timeout|context deadline exceeded)/, to: (m) => `Cannot reach the registry ${g(m, 1)}: the connection timed out` },
  { re: /"https:\/\/([^/"]+)\/v2\/[^"]*": http: server gave HTTP response to HTTPS client/, to: (m) => `The registry ${g(m, 1)} only speaks plain HTTP: add it to the engine's insecure registries` },
  { re: /invalid reference format: repository name must be lowercase/, to: () => 'Invalid image reference: repository names must be lowercase' },
  { re: /invalid reference format/, to: () => 'Invalid image reference: use a name like nginx, nginx:1.27 or registry.example.com/team/app:tag' },
  {
    re: /unable to remove repository reference "([^"]+)" \(must force\) - container ([0-9a-f]+) is using its referenced image/,
    code: 'CONFLICT',
    to: (m) => `Image ${g(m, 1)} is used by container ${g(m, 2)}: remove that container first, or force the removal`,
  },
  { re: /unable to delete ([0-9a-f]+) \(cannot be forced\) - image is being used by running container ([0-9a-f]+)/, code: 'CONFLICT', to: (m) => `Image ${g(m, 1)} is used by running container ${g(m, 2)}: stop and remove that container first` },
  { re: /unable to delete ([0-9a-f]+) \(must be forced\) - image is referenced in multiple repositories/, code: 'CONFLICT', to: (m) => `Image ${g(m, 1)} has several tags: remove them one by one, or force the removal` },
  { re: /unable to delete ([0-9a-f]+) \(cannot be forced\) - image has dependent child images/, code: 'CONFLICT', to: (m) => `Image ${g(m, 1)} has dependent child images: remove those first` },
  // No such image is said in several forms: "No such image: x", "no such image: x: No such image: x".
  { re: /No such image: ([^\s]+)\s*$/i, code: 'NOT_FOUND', to: (m) => `Image ${g(m, 1)} is not present locally` },
  // Volumes and networks
  { re: /remove ([^:\s]+): volume is in use - \[([^\]]*)\]/, code: 'CONFLICT', to: (m) => `Volume ${g(m, 1)} is in use by container ${g(m, 2).split(',').map((s) => shortId(s.trim())).join(', ')}` },
  { re: /^network (\S+) not found$/, code: 'NOT_FOUND', to: (m) => `Network ${g(m, 1)} does not exist` },
  // Generic OCI start failures: keep the runtime's last clause.
  { re: /OCI runtime (?:create|exec|start) failed: (?:.*?: )?([^:]+?)(?:: unknown)?$/, to: (m) => `The container could not start: ${g(m, 1)}` },
];

/** Rewrite one engine message; undefined when no rule knows it (the caller keeps the engine's text). */
export function readableEngineMessage(text: string): ReadableMessage | undefined {
  for (const rule of rules) {
    const m = rule.re.exec(text);
    if (!m) continue;
    const out: ReadableMessage = { message: rule.to(m) };
    if (rule.code) out.code = rule.code;
    const details = rule.details?.(m);
    if (details) out.details = details;
    return out;
  }
  return undefined;
}
