import type { EngineEndpoint, EngineInfo } from '../../contract/model.js';

/** The fields of GET /version that Berth reads. */
export interface RawVersion {
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  GitCommit?: string;
  GoVersion?: string;
  Os?: string;
  Arch?: string;
  KernelVersion?: string;
  BuildTime?: string;
  Components?: { Name?: string; Version?: string; Details?: Record<string, unknown> }[] | null;
}

/** The fields of GET /info that Berth reads. */
export interface RawInfo {
  Name?: string;
  OperatingSystem?: string;
  OSType?: string;
  Architecture?: string;
  KernelVersion?: string;
  Driver?: string;
  CgroupDriver?: string;
  CgroupVersion?: string;
  DockerRootDir?: string;
  NCPU?: number;
  MemTotal?: number;
  Containers?: number;
  ContainersRunning?: number;
  ContainersPaused?: number;
  ContainersStopped?: number;
  Images?: number;
  ContainerdCommit?: { ID?: string };
  RuncCommit?: { ID?: string };
  InitCommit?: { ID?: string };
}

export interface ClientVersions {
  berthVersion: string;
  dockerodeVersion: string;
  /** The API version requests use: pinned on the client, else the server's own. */
  apiVersion?: string;
}

/**
 * Node's platform and arch names as Go (and so `docker version`, and the server's own OS/Arch beside
 * them) spells them: the client read "linux/x64" above a server's "linux/amd64" for the same machine.
 */
const GO_OS: Partial<Record<string, string>> = { win32: 'windows' };
const GO_ARCH: Partial<Record<string, string>> = { x64: 'amd64', ia32: '386', ppc: 'ppc64', mipsel: 'mipsle' };

/** Combine /version and /info into EngineInfo. Component versions come from Components, else from *Commit in /info. */
export function mapEngineInfo(version: RawVersion, info: RawInfo, endpoint: EngineEndpoint, client: ClientVersions, platform = { os: process.platform, arch: process.arch }): EngineInfo {
  const component = (name: string) => version.Components?.find((c) => c.Name?.toLowerCase() === name)?.Version || undefined;
  const server: EngineInfo['server'] = {
    version: version.Version ?? '',
    apiVersion: version.ApiVersion ?? '',
    minApiVersion: version.MinAPIVersion ?? '',
    gitCommit: version.GitCommit ?? '',
    goVersion: version.GoVersion ?? '',
    os: version.Os ?? info.OSType ?? '',
    arch: version.Arch ?? '',
    kernelVersion: version.KernelVersion ?? info.KernelVersion ?? '',
    buildTime: version.BuildTime ?? '',
  };
  const containerd = component('containerd') ?? (info.ContainerdCommit?.ID || undefined);
  const runc = component('runc') ?? (info.RuncCommit?.ID || undefined);
  const init = component('docker-init') ?? (info.InitCommit?.ID || undefined);
  if (containerd) server.containerdVersion = containerd;
  if (runc) server.runcVersion = runc;
  if (init) server.initVersion = init;

  const n = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return {
    endpoint,
    client: {
      berthVersion: client.berthVersion,
      dockerodeVersion: client.dockerodeVersion,
      apiVersion: client.apiVersion || server.apiVersion,
      os: GO_OS[platform.os] ?? platform.os,
      arch: GO_ARCH[platform.arch] ?? platform.arch,
    },
    server,
    system: {
      name: info.Name ?? '',
      operatingSystem: info.OperatingSystem ?? '',
      osType: info.OSType ?? '',
      architecture: info.Architecture ?? '',
      kernelVersion: info.KernelVersion ?? '',
      storageDriver: info.Driver ?? '',
      cgroupDriver: info.CgroupDriver ?? '',
      cgroupVersion: info.CgroupVersion ?? '',
      dockerRootDir: info.DockerRootDir ?? '',
      cpus: n(info.NCPU),
      memTotal: n(info.MemTotal),
      containers: n(info.Containers),
      containersRunning: n(info.ContainersRunning),
      containersPaused: n(info.ContainersPaused),
      containersStopped: n(info.ContainersStopped),
      images: n(info.Images),
    },
  };
}
