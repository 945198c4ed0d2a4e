import { useEffect, useRef } from 'react';
import { ContainersPage } from '../features/containers/containers-page.js';
import { EngineBanner } from '../features/docker-engine/engine-banner.js';
import { EnginePage } from '../features/docker-engine/engine-page.js';
import { AppHeader } from './app-header.js';
import { BackendBanner } from './backend-banner.js';
import { PlaceholderPage } from './placeholder-page.js';
import { labelOf, type RouteId } from './routes.js';
import { useAppStore, useRuntime } from './runtime-context.js';
import { Sidebar } from './sidebar.js';
import { useHashRoute } from './use-hash-route.js';
import './app.css';

function Page({ route }: { route: RouteId }) {
  switch (route) {
    case 'containers':
      return <ContainersPage />;
    case 'engine':
      return <EnginePage />;
    default:
      return <PlaceholderPage route={route} />;
  }
}

/** The window: sidebar, header, banners about the back end or the engine, and the current page. */
export function App() {
  const route = useHashRoute();
  const { host } = useRuntime();
  const backend = useAppStore((s) => s.backend);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRoute = useRef(true);

  useEffect(() => {
    document.title = `${labelOf(route)} · Berth`;
    // Move focus to the new page's title so keyboard and screen-reader users land on it.
    if (firstRoute.current) firstRoute.current = false;
    else heading.current?.focus();
  }, [route]);

  return (
    <div className="shell">
      <Sidebar current={route} />
      <div className="shell__main">
        <AppHeader ref={heading} title={labelOf(route)} />
        <div className="shell__banners">{backend === 'unreachable' ? <BackendBanner host={host} /> : <EngineBanner />}</div>
        <main className="shell__content">
          <Page route={route} />
        </main>
      </div>
    </div>
  );
}
