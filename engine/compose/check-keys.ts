import type { ComposeIssue } from '../../contract/models/compose.js';
import {
  buildKeys, closestKey, dependsOnKeys, deployKeys, healthcheckKeys, judgeKey, mountKeys, networkKeys, portKeys, serviceKeys, serviceNetworkKeys, topLevelKeys, volumeKeys,
  type KeyPolicy,
} from './key-policy.js';
import { issueAt, type YamlSource } from './yaml-source.js';

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every key of one file judged against the key policy, with its position: unknown keys and keys Berth
 * refuses are errors, ignored ones warnings. Run on each file before merging, so positions are exact.
 */
export function checkKeys(src: YamlSource): { errors: ComposeIssue[]; warnings: ComposeIssue[] } {
  const errors: ComposeIssue[] = [];
  const warnings: ComposeIssue[] = [];
  const judge = (obj: Record<string, unknown>, policy: KeyPolicy, path: (string | number)[], where: string) => {
    for (const key of Object.keys(obj)) {
      const verdict = judgeKey(policy, key);
      const at = [...path, key];
      if (verdict === 'refused') errors.push(issueAt(src, at, `${where}"${key}" is not supported by Berth (yet); remove it, or run this file with docker compose`, true));
      else if (verdict === 'ignored') warnings.push(issueAt(src, at, `${where}"${key}" is ignored by Berth`, true));
      else if (verdict === 'unknown') {
        const hint = closestKey(policy, key);
        errors.push(issueAt(src, at, `${where}"${key}" is not a compose key${hint ? ` (did you mean "${hint}"?)` : ''}`, true));
      }
    }
  };

  const root = src.data;
  if (!isMap(root)) {
    errors.push(issueAt(src, [], root === null || root === undefined ? 'The file is empty: a compose file needs a "services" mapping' : 'A compose file must be a mapping with a "services" key'));
    return { errors, warnings };
  }
  judge(root, topLevelKeys, [], '');
  if (root.version !== undefined) warnings.push(issueAt(src, ['version'], '"version" is obsolete and ignored (compose v2 reads every file as the compose spec)', true));

  for (const [section, policy] of [['networks', networkKeys], ['volumes', volumeKeys]] as const) {
    const sec = root[section];
    if (!isMap(sec)) continue;
    for (const [name, def] of Object.entries(sec)) {
      if (isMap(def)) judge(def, policy, [section, name], `${section}.${name}: `);
    }
  }

  const services = root.services;
  if (!isMap(services)) return { errors, warnings };
  for (const [name, svc] of Object.entries(services)) {
    if (!isMap(svc)) continue;
    const base = ['services', name];
    judge(svc, serviceKeys, base, `Service "${name}": `);
    if (isMap(svc.build)) judge(svc.build, buildKeys, [...base, 'build'], `Service "${name}": build.`);
    if (isMap(svc.deploy)) {
      judge(svc.deploy, deployKeys, [...base, 'deploy'], `Service "${name}": deploy.`);
      const res = svc.deploy.resources;
      if (isMap(res)) {
        for (const k of Object.keys(res)) {
          if (k === 'limits') continue;
          if (k === 'reservations') warnings.push(issueAt(src, [...base, 'deploy', 'resources', k], `Service "${name}": deploy.resources.reservations is ignored by Berth (only limits are applied)`, true));
          else errors.push(issueAt(src, [...base, 'deploy', 'resources', k], `Service "${name}": deploy.resources."${k}" is not a compose key (expected limits or reservations)`, true));
        }
        if (isMap(res.limits)) {
          for (const k of Object.keys(res.limits)) {
            if (k === 'pids') errors.push(issueAt(src, [...base, 'deploy', 'resources', 'limits', k], `Service "${name}": deploy.resources.limits.pids is not supported by Berth (yet)`, true));
            else if (k !== 'cpus' && k !== 'memory') errors.push(issueAt(src, [...base, 'deploy', 'resources', 'limits', k], `Service "${name}": deploy.resources.limits."${k}" is not a compose key (expected cpus or memory)`, true));
          }
        }
      }
    }
    if (isMap(svc.healthcheck)) judge(svc.healthcheck, healthcheckKeys, [...base, 'healthcheck'], `Service "${name}": healthcheck.`);
    if (Array.isArray(svc.ports)) svc.ports.forEach((p, i) => isMap(p) && judge(p, portKeys, [...base, 'ports', i], `Service "${name}": ports.`));
    if (Array.isArray(svc.volumes)) {
      svc.volumes.forEach((v, i) => {
        if (!isMap(v)) return;
        judge(v, mountKeys, [...base, 'volumes', i], `Service "${name}": volumes.`);
        const bind = v.bind;
        if (isMap(bind) && bind.propagation !== undefined) warnings.push(issueAt(src, [...base, 'volumes', i, 'bind', 'propagation'], `Service "${name}": volumes.bind.propagation is ignored by Berth`, true));
        if (isMap(bind) && bind.create_host_path === false) warnings.push(issueAt(src, [...base, 'volumes', i, 'bind', 'create_host_path'], `Service "${name}": volumes.bind.create_host_path: false is ignored; Berth lets the engine create a missing host folder, as compose does`, true));
      });
    }
    if (isMap(svc.depends_on)) {
      for (const [dep, def] of Object.entries(svc.depends_on)) if (isMap(def)) judge(def, dependsOnKeys, [...base, 'depends_on', dep], `Service "${name}": depends_on.${dep}.`);
    }
    if (isMap(svc.networks)) {
      for (const [net, def] of Object.entries(svc.networks)) {
        if (isMap(def)) judge(def, serviceNetworkKeys, [...base, 'networks', net], `Service "${name}": networks.${net}.`);
      }
    }
    if (typeof svc.network_mode === 'string' && /^(service|container):/.test(svc.network_mode)) {
      errors.push(issueAt(src, [...base, 'network_mode'], `Service "${name}": network_mode "${svc.network_mode}" is not supported by Berth (yet); only bridge, host and none are`));
    }
  }
  return { errors, warnings };
}
