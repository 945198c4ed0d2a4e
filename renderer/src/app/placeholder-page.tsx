import type { RouteId } from './routes.js';
import { Notice } from '../ui/notice.js';
import { ImagesIcon, NetworksIcon, VolumesIcon } from '../ui/icons.js';

const pages = {
  images: { what: 'Image management', cli: 'docker image ls', Icon: ImagesIcon },
  volumes: { what: 'Volume management', cli: 'docker volume ls', Icon: VolumesIcon },
  networks: { what: 'Network management', cli: 'docker network ls', Icon: NetworksIcon },
} as const;

/** Honest placeholder for pages that do not exist yet. */
export function PlaceholderPage({ route }: { route: Extract<RouteId, keyof typeof pages> }) {
  const { what, cli, Icon } = pages[route];
  return (
    <div className="page page--center">
      <Notice title={`${what} is not built yet in this version of Berth.`} icon={<Icon width={28} height={28} />}>
        <p>
          Until it is, the Docker CLI works against the same engine: <code>{cli}</code>
        </p>
      </Notice>
    </div>
  );
}
