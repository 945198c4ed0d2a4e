import type { ComponentType, SVGProps } from 'react';
import { BerthLogo, ContainersIcon, StackIcon, DiskIcon, EngineIcon, ImagesIcon, NetworksIcon, RegistryIcon, SettingsIcon, TrashIcon, VolumesIcon } from '../ui/icons.js';
import { hrefFor, routes, type RouteId } from './routes.js';

const icons: Record<RouteId, ComponentType<SVGProps<SVGSVGElement>>> = {
  containers: ContainersIcon,
  compose: StackIcon,
  images: ImagesIcon,
  volumes: VolumesIcon,
  networks: NetworksIcon,
  registries: RegistryIcon,
  'disk-usage': DiskIcon,
  'recently-removed': TrashIcon,
  engine: EngineIcon,
  settings: SettingsIcon,
};

/** The main navigation: real links to hash routes, the current one marked with aria-current. */
export function Sidebar({ current }: { current: RouteId }) {
  const link = (id: RouteId, label: string) => {
    const Icon = icons[id];
    return (
      <li key={id}>
        <a className="nav-link" href={hrefFor(id)} title={label} aria-current={current === id ? 'page' : undefined}>
          <Icon className="nav-link__icon" />
          <span className="nav-link__label">{label}</span>
        </a>
      </li>
    );
  };
  const app = (id: RouteId) => id === 'engine' || id === 'settings';
  const resources = routes.filter((r) => !app(r.id));
  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <BerthLogo />
        <span className="sidebar__name">Berth</span>
      </div>
      <nav aria-label="Main" className="sidebar__nav">
        <ul className="nav-list">{resources.map((r) => link(r.id, r.label))}</ul>
        <div className="nav-sep" role="presentation" />
        <ul className="nav-list">{routes.filter((r) => app(r.id)).map((r) => link(r.id, r.label))}</ul>
      </nav>
    </aside>
  );
}
