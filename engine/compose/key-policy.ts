/**
 * Which keys of the compose spec Berth implements, which it refuses (an error naming the key, so nothing
 * is silently dropped), which it ignores with a warning (they do not change what runs on one local
 * engine), and everything else: not a compose key at all. `x-*` extension keys are allowed anywhere
 * the spec allows them.
 */
export interface KeyPolicy {
  supported: readonly string[];
  /** Spec keys that change what runs: an error. */
  refused: readonly string[];
  /** Spec keys that only matter to a swarm, a registry or a developer tool: a warning. */
  ignored: readonly string[];
}

export const topLevelKeys: KeyPolicy = {
  supported: ['version', 'name', 'services', 'networks', 'volumes'],
  refused: ['secrets', 'configs', 'include', 'models'],
  ignored: [],
};

export const serviceKeys: KeyPolicy = {
  supported: [
    'image', 'build', 'command', 'entrypoint', 'environment', 'env_file', 'ports', 'expose', 'volumes', 'tmpfs',
    'networks', 'network_mode', 'depends_on', 'healthcheck', 'restart', 'labels', 'deploy', 'user', 'working_dir',
    'container_name', 'hostname', 'profiles', 'extends', 'tty', 'stdin_open', 'init', 'privileged', 'read_only',
    'cap_add', 'cap_drop', 'dns', 'extra_hosts', 'stop_signal', 'stop_grace_period',
  ],
  refused: [
    'secrets', 'configs', 'links', 'external_links', 'volumes_from', 'pid', 'ipc', 'cgroup', 'cgroup_parent', 'devices',
    'device_cgroup_rules', 'sysctls', 'ulimits', 'security_opt', 'shm_size', 'userns_mode', 'uts', 'isolation', 'runtime',
    'scale', 'mem_limit', 'memswap_limit', 'mem_reservation', 'mem_swappiness', 'cpus', 'cpu_count', 'cpu_percent',
    'cpu_shares', 'cpu_period', 'cpu_quota', 'cpu_rt_runtime', 'cpu_rt_period', 'cpuset', 'blkio_config', 'oom_kill_disable',
    'oom_score_adj', 'pids_limit', 'storage_opt', 'group_add', 'domainname', 'mac_address', 'dns_search', 'dns_opt',
    'credential_spec', 'gpus', 'post_start', 'pre_stop', 'use_api_socket', 'models', 'provider', 'label_file', 'volumes_from',
  ],
  ignored: ['logging', 'pull_policy', 'platform', 'develop', 'attach', 'annotations', 'container_name_prefix'],
};

export const buildKeys: KeyPolicy = {
  supported: ['context', 'dockerfile', 'args', 'target'],
  refused: ['dockerfile_inline', 'ssh', 'secrets', 'additional_contexts', 'network', 'shm_size', 'extra_hosts', 'isolation', 'privileged', 'platforms', 'ulimits', 'entitlements'],
  ignored: ['cache_from', 'cache_to', 'labels', 'no_cache', 'pull', 'tags'],
};

export const deployKeys: KeyPolicy = {
  supported: ['resources', 'replicas'],
  refused: ['mode', 'placement', 'endpoint_mode', 'update_config', 'rollback_config', 'restart_policy'],
  ignored: ['labels'],
};

export const networkKeys: KeyPolicy = {
  supported: ['name', 'external', 'driver', 'labels'],
  refused: ['driver_opts', 'ipam', 'internal', 'attachable', 'enable_ipv6', 'enable_ipv4'],
  ignored: [],
};

export const volumeKeys: KeyPolicy = {
  supported: ['name', 'external', 'driver', 'labels'],
  refused: ['driver_opts'],
  ignored: [],
};

export const serviceNetworkKeys: KeyPolicy = {
  supported: ['aliases'],
  refused: ['ipv4_address', 'ipv6_address', 'link_local_ips', 'mac_address', 'driver_opts', 'priority', 'gw_priority', 'interface_name'],
  ignored: [],
};

export const healthcheckKeys: KeyPolicy = { supported: ['test', 'interval', 'timeout', 'retries', 'start_period', 'disable'], refused: [], ignored: ['start_interval'] };
export const portKeys: KeyPolicy = { supported: ['target', 'published', 'host_ip', 'protocol', 'mode'], refused: [], ignored: ['name', 'app_protocol'] };
export const mountKeys: KeyPolicy = { supported: ['type', 'source', 'target', 'read_only', 'tmpfs', 'volume', 'bind'], refused: ['image'], ignored: ['consistency'] };
export const dependsOnKeys: KeyPolicy = { supported: ['condition', 'required'], refused: [], ignored: ['restart'] };

export type KeyVerdict = 'supported' | 'refused' | 'ignored' | 'unknown' | 'extension';

export function judgeKey(policy: KeyPolicy, key: string): KeyVerdict {
  if (key.startsWith('x-')) return 'extension';
  if (policy.supported.includes(key)) return 'supported';
  if (policy.refused.includes(key)) return 'refused';
  if (policy.ignored.includes(key)) return 'ignored';
  return 'unknown';
}

/** The closest supported key, for "did you mean". */
export function closestKey(policy: KeyPolicy, key: string): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of [...policy.supported, ...policy.refused, ...policy.ignored]) {
    const d = distance(key, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
