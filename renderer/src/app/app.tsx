import { useEffect, useRef } from 'react';
import { ContainersPage } from '../features/containers/containers-page.js';
import { EngineBanner } from '../features/docker-engine/engine-banner.js';
import { SettingsProblemBanner } from '../features/settings/settings-problem-banner.js';
import { AppHeader } from './app-header.js';
import { BackendBanner } from './backend-banner.js';
import { CommandPalette } from '../features/command-palette/command-palette.js';
import {
  ComposePage,
  ContainerDetailsPage,
  DiskUsagePage,
  EnginePage,
  ImageDetailsPage,
  ImagesPage,
  LazyDialogHosts,
  LazyPage,
  NetworkDetailsPage,
  NetworksPage,
  RecentlyRemovedPage,
  RegistriesPage,
  SettingsPage,
  VolumeDetailsPage,
  VolumesPage,
} from './lazy-pages.js';
import { PlaceholderPage } from './placeholder-page.js';
import { currentHash, labelOf, type RouteId } from './routes.js';
import { useAppStore, useRuntime } from './runtime-context.js';
import { Sidebar } from './sidebar.js';
import { useHashParams, useHashRoute } from './use-hash-route.js';
import './app.css';

function Page({ route, params }: { route: RouteId; params: string[] }) {
  const [first, second] = params;
  switch (route) {
    case 'containers':
      if (first) return <ContainerDetailsPage id={first} tab={second} />;
      return <ContainersPage />;
    case 'compose':
      return <ComposePage />;
    case 'images':
      if (first) return <ImageDetailsPage id={first} tab={second} />;
      return <ImagesPage />;
    case 'registries':
      return <RegistriesPage />;
    case 'engine':
      return <EnginePage />;
    case 'networks':
      return first ? <NetworkDetailsPage key={first} network={first} /> : <NetworksPage />;
    case 'disk-usage':
      return <DiskUsagePage />;
    case 'volumes':
      return first ? <VolumeDetailsPage name={first} /> : <VolumesPage />;
    case 'recently-removed':
      return <RecentlyRemovedPage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return <PlaceholderPage route={route} />;
  }
}

/** The window: sidebar, header, banners about the back end or the engine, and the current page. */
export function App() {
  const route = useHashRoute();
  const params = useHashParams();
  const { host } = useRuntime();
  const backend = useAppStore((s) => s.backend);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRoute = useRef(true);

  // Another page: another route, or another object's details from a list (not another tab of it).
  const pageKey = `${route}/${params[0] ?? ''}`;
  // An old link to a page that moved shows its new address (without a step back to the old one).
  useEffect(() => {
    const moved = () => {
      const now = currentHash(window.location.hash);
      if (now !== window.location.hash) window.location.replace(now);
    };
    moved();
    window.addEventListener('hashchange', moved);
    return () => window.removeEventListener('hashchange', moved);
  }, []);
  useEffect(() => {
    document.title = `${labelOf(route)} · Berth`;
  }, [route]);
  useEffect(() => {
    // Move focus to the new page's title so keyboard and screen-reader users land on it (the row or
    // link that opened it is gone, which would leave the focus nowhere).
    if (firstRoute.current) firstRoute.current = false;
    else heading.current?.focus();
  }, [pageKey]);

  return (
    <div className="shell">
      <Sidebar current={route} />
      <div className="shell__main">
        <AppHeader ref={heading} title={labelOf(route)} />
        <div className="shell__banners">
          {backend === 'unreachable' ? <BackendBanner host={host} /> : <EngineBanner />}
          <SettingsProblemBanner onSettingsPage={route === 'settings'} />
        </div>
        <main className="shell__content">
          <LazyPage route={route}>
            <Page route={route} params={params} />
          </LazyPage>
          <LazyDialogHosts />
          <CommandPalette />
        </main>
      </div>
    </div>
  );
}
