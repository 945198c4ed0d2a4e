import type { Change, ContainerSummary, EngineInfo, EngineStatus, StreamHandlers } from '../../../contract/index.js';
import type { StatsSummaryEvent } from '../../../contract/models/container-exec.js';
import type { RuntimeApi } from '../app/runtime.js';

/** A stream subscription the test can drive. */
export interface FakeSub<E> {
  handlers: StreamHandlers<E>;
  disposed: boolean;
}

interface Deferred<T> {
  resolve(v: T): void;
  reject(e: unknown): void;
}

/** A hand-driven stand-in for the parts of BerthApi the runtime uses (test only). */
export function createFakeApi() {
  const statusSubs: FakeSub<EngineStatus>[] = [];
  const watchSubs: FakeSub<Change<ContainerSummary>>[] = [];
  const summarySubs: FakeSub<StatsSummaryEvent>[] = [];
  const statusCalls: Deferred<EngineStatus>[] = [];
  const infoCalls: Deferred<EngineInfo>[] = [];
  const sub = <E>(list: FakeSub<E>[], handlers: StreamHandlers<E>) => {
    const s: FakeSub<E> = { handlers, disposed: false };
    list.push(s);
    return { dispose: () => void (s.disposed = true) };
  };
  const api: RuntimeApi = {
    engine: {
      status: () => new Promise<EngineStatus>((resolve, reject) => statusCalls.push({ resolve, reject })),
      statusChanges: (_args, handlers) => sub(statusSubs, handlers),
      info: () => new Promise<EngineInfo>((resolve, reject) => infoCalls.push({ resolve, reject })),
    },
    containers: {
      watch: (_args, handlers) => sub(watchSubs, handlers),
      statsSummary: (_args, handlers) => sub(summarySubs, handlers),
    },
    settings: {
      watch: () => ({ dispose: () => undefined }),
    },
  };
  const live = <E>(list: FakeSub<E>[]) => list.filter((s) => !s.disposed);
  return { api, statusSubs, watchSubs, summarySubs, statusCalls, infoCalls, live };
}

export function container(id: string, over: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    id,
    name: over.name ?? `c-${id}`,
    image: 'berth-test/busybox:latest',
    imageId: 'sha256:abc',
    command: '/bin/sh',
    state: 'running',
    status: 'Up 2 minutes',
    ports: [],
    created: 1_700_000_000_000,
    labels: {},
    ...over,
  };
}

export const runningStatus: EngineStatus = {
  state: 'running',
  managed: false,
  endpoint: { host: 'unix:///tmp/bt/docker.sock', source: 'DOCKER_HOST' },
};

export function engineInfo(over: Partial<EngineInfo['system']> = {}): EngineInfo {
  return {
    endpoint: { host: 'unix:///tmp/bt/docker.sock', source: 'DOCKER_HOST' },
    client: { berthVersion: '0.1.0', dockerodeVersion: '5.0.1', apiVersion: '1.47', os: 'linux', arch: 'amd64' },
    server: {
      version: '27.5.1',
      apiVersion: '1.47',
      minApiVersion: '1.24',
      gitCommit: '4c9b3b0',
      goVersion: 'go1.22.11',
      os: 'linux',
      arch: 'amd64',
      kernelVersion: '6.1.0-18-amd64',
      buildTime: '2025-01-22T13:41:17.000000000+00:00',
      containerdVersion: '1.7.25',
      runcVersion: '1.2.4',
      initVersion: '0.19.0',
    },
    system: {
      name: 'buildhost',
      operatingSystem: 'Debian GNU/Linux 12 (bookworm)',
      osType: 'linux',
      architecture: 'x86_64',
      kernelVersion: '6.1.0-18-amd64',
      storageDriver: 'overlay2',
      cgroupDriver: 'systemd',
      cgroupVersion: '2',
      dockerRootDir: '/var/lib/docker',
      cpus: 2,
      memTotal: 8_327_274_496,
      containers: 5,
      containersRunning: 3,
      containersPaused: 0,
      containersStopped: 2,
      images: 4,
      ...over,
    },
  };
}
