import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface EmbeddedCheckDeps {
  platform: NodeJS.Platform;
  /** process.getuid(), undefined where it does not exist. */
  uid: number | undefined;
  /** The PATH to search for dockerd. */
  path: string | undefined;
  isExecutable(file: string): boolean;
}

export type EmbeddedCheck = { possible: true; dockerdPath: string } | { possible: false; message: string; remedy: string };

const INSTALL = 'Install Docker Engine (Debian/Ubuntu: sudo apt-get install docker.io; Fedora: sudo dnf install moby-engine)';

/** Can Berth start its own dockerd here? If not, says why and what the user can do. */
export function checkEmbedded(deps: EmbeddedCheckDeps): EmbeddedCheck {
  if (deps.platform !== 'linux') {
    return {
      possible: false,
      message: `Berth can only start its own engine on Linux (this is ${deps.platform})`,
      remedy: 'Start Docker Desktop, OrbStack, Colima or Rancher Desktop, or set DOCKER_HOST to a running engine.',
    };
  }
  const dockerd = findExecutable('dockerd', deps);
  if (!dockerd) {
    return {
      possible: false,
      message: 'dockerd is not installed (not found on PATH), so Berth cannot start its own engine',
      remedy: `${INSTALL} and run Berth as root so it can start its own engine, or start Docker and set DOCKER_HOST.`,
    };
  }
  if (deps.uid !== 0) {
    return {
      possible: false,
      message: `dockerd is installed at ${dockerd} but Berth is not running as root, so it cannot start its own engine`,
      remedy:
        'Start the Docker service (sudo systemctl start docker) and add your user to the docker group (sudo usermod -aG docker $USER, then log in again), or run Berth as root.',
    };
  }
  return { possible: true, dockerdPath: dockerd };
}

export function findExecutable(name: string, deps: Pick<EmbeddedCheckDeps, 'path' | 'isExecutable'>): string | undefined {
  for (const dir of (deps.path ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    if (deps.isExecutable(file)) return file;
  }
  return undefined;
}

export function nodeEmbeddedCheckDeps(): EmbeddedCheckDeps {
  return {
    platform: process.platform,
    uid: process.getuid?.(),
    path: process.env.PATH,
    isExecutable: (file) => {
      try {
        accessSync(file, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}
