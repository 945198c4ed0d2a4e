import type { EngineEndpoint, EngineInfo, EngineStatus } from '../../../../contract/index.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { providerLabel } from './vm-selectors.js';
import type { EngineState } from './store.js';

/** Identifies one running engine: changes when the engine (re)starts or Berth switches endpoints. */
export function selectRunningKey(state: Pick<EngineState, 'engineStatus'>): string | null {
  const s = state.engineStatus;
  if (!s || s.state !== 'running') return null;
  return `${s.endpoint?.host ?? ''}|${s.endpoint?.source ?? ''}|${s.endpoint?.context ?? ''}`;
}

export function sourceLabel(endpoint: EngineEndpoint): string {
  switch (endpoint.source) {
    case 'setting':
      return '--docker-host on the command line';
    case 'DOCKER_HOST':
      return 'DOCKER_HOST environment variable';
    case 'context':
      return endpoint.context ? `Docker context “${endpoint.context}”` : 'Docker context';
    case 'default':
      return 'Default socket';
    case 'embedded':
      return 'Embedded engine (started by Berth)';
    case 'vm':
      return 'Berth’s Linux VM';
  }
}

export type EngineBanner =
  | { kind: 'none' }
  | { kind: 'checking' }
  | { kind: 'starting'; progress: string }
  | { kind: 'error'; title: string; message: string; remedy?: string; logTail: string[] };

/** What the shell shows above every page about the engine. Running shows no banner. */
export function selectEngineBanner(state: Pick<EngineState, 'engineStatus' | 'engineStatusError'>): EngineBanner {
  const s: EngineStatus | undefined = state.engineStatus;
  if (!s) {
    if (state.engineStatusError) {
      return { kind: 'error', title: 'Docker engine error', message: `Berth could not read the engine status: ${state.engineStatusError}`, logTail: [] };
    }
    return { kind: 'checking' };
  }
  switch (s.state) {
    case 'running':
      return { kind: 'none' };
    case 'starting':
      return { kind: 'starting', progress: s.message?.trim() || 'Waiting for the engine to answer…' };
    case 'stopped':
    case 'error': {
      const banner: EngineBanner = {
        kind: 'error',
        title: s.state === 'error' ? 'Docker engine error' : 'Docker engine stopped',
        message: s.message?.trim() || (s.state === 'error' ? 'The Docker engine failed.' : 'The Docker engine is not running.'),
        logTail: (s.logTail ?? []).filter((l) => typeof l === 'string'),
      };
      if (s.remedy?.trim()) banner.remedy = s.remedy.trim();
      return banner;
    }
  }
}

export interface InfoField {
  label: string;
  value: string;
  /** Shown in a monospace font (versions, paths, hashes). */
  mono?: boolean;
}

export interface InfoSection {
  id: string;
  title: string;
  fields: InfoField[];
}

const orDash = (v: string | undefined | null): string => (v && v.trim() ? v : '—');

export function statusFields(status: EngineStatus): InfoField[] {
  const fields: InfoField[] = [{ label: 'State', value: status.state }];
  if (status.endpoint) {
    fields.push({ label: 'Endpoint', value: status.endpoint.host, mono: true });
    fields.push({ label: 'Source', value: sourceLabel(status.endpoint) });
  }
  fields.push({ label: 'Managed by Berth', value: status.managed ? 'Yes' : 'No' });
  if (status.provider) fields.push({ label: 'Provider', value: providerLabel(status.provider) });
  if (status.why) fields.push({ label: 'Why this engine', value: status.why });
  return fields;
}

/** `docker version` and `docker info`, as labelled fields. Labels are unique on the page. */
export function engineInfoSections(info: EngineInfo): InfoSection[] {
  const { client, server, system } = info;
  return [
    {
      id: 'client',
      title: 'Client',
      fields: [
        { label: 'Berth', value: orDash(client.berthVersion), mono: true },
        { label: 'dockerode', value: orDash(client.dockerodeVersion), mono: true },
        { label: 'Client API version', value: orDash(client.apiVersion), mono: true },
        { label: 'Client OS/Arch', value: `${orDash(client.os)}/${orDash(client.arch)}`, mono: true },
      ],
    },
    {
      id: 'server',
      title: 'Server',
      fields: [
        { label: 'Server version', value: orDash(server.version), mono: true },
        { label: 'API version', value: `${orDash(server.apiVersion)} (minimum ${orDash(server.minApiVersion)})`, mono: true },
        { label: 'containerd', value: orDash(server.containerdVersion), mono: true },
        { label: 'runc', value: orDash(server.runcVersion), mono: true },
        { label: 'init', value: orDash(server.initVersion), mono: true },
        { label: 'Git commit', value: orDash(server.gitCommit), mono: true },
        { label: 'Go version', value: orDash(server.goVersion), mono: true },
        { label: 'OS/Arch', value: `${orDash(server.os)}/${orDash(server.arch)}`, mono: true },
      ],
    },
    {
      id: 'system',
      title: 'System',
      fields: [
        { label: 'Host name', value: orDash(system.name) },
        { label: 'Operating system', value: orDash(system.operatingSystem) },
        { label: 'Kernel', value: orDash(system.kernelVersion || server.kernelVersion), mono: true },
        { label: 'Storage driver', value: orDash(system.storageDriver), mono: true },
        { label: 'Cgroup', value: `${orDash(system.cgroupDriver)} (v${orDash(system.cgroupVersion)})` },
        { label: 'CPUs', value: String(system.cpus) },
        { label: 'Memory', value: formatBytes(system.memTotal) },
        { label: 'Docker root dir', value: orDash(system.dockerRootDir), mono: true },
        {
          label: 'Containers',
          value: `${system.containers} (${system.containersRunning} running, ${system.containersPaused} paused, ${system.containersStopped} stopped)`,
        },
        { label: 'Images', value: String(system.images) },
      ],
    },
  ];
}
