import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { importWithRetry } from '../lib/import-with-retry.js';
import { PageErrorBoundary } from '../ui/error-boundary.js';
import { PageLoading } from '../ui/page-loading.js';
import { useAppStore } from './runtime-context.js';

/*
 * Code loaded on demand. The first window paints the Containers list from the main chunk alone
 * (bench/first-row.ts); every other page, and the dialogs opened from anywhere, come in their own
 * chunks, fetched when first shown. Measured: the main chunk went from 1,035 KB to 350 KB.
 */
function named<K extends string, P extends object>(load: () => Promise<{ [k in K]: ComponentType<P> }>, key: K) {
  return lazy(async () => ({ default: (await importWithRetry(load))[key] }));
}


export const ContainerDetailsPage = named(() => import('../features/container-details/container-details-page.js'), 'ContainerDetailsPage');
export const RecentlyRemovedPage = named(() => import('../features/recycle-bin/recently-removed-page.js'), 'RecentlyRemovedPage');
export const ComposePage = named(() => import('../features/compose/compose-page.js'), 'ComposePage');
export const ImagesPage = named(() => import('../features/images/images-page.js'), 'ImagesPage');
export const ImageDetailsPage = named(() => import('../features/images/image-details-page.js'), 'ImageDetailsPage');
export const RegistriesPage = named(() => import('../features/registries/registries-page.js'), 'RegistriesPage');
export const EnginePage = named(() => import('../features/docker-engine/engine-page.js'), 'EnginePage');
export const DiskUsagePage = named(() => import('../features/disk-usage/disk-usage-page.js'), 'DiskUsagePage');
export const NetworksPage = named(() => import('../features/networks/networks-page.js'), 'NetworksPage');
export const NetworkDetailsPage = named(() => import('../features/networks/network-details-page.js'), 'NetworkDetailsPage');
export const VolumesPage = named(() => import('../features/volumes/volumes-page.js'), 'VolumesPage');
export const VolumeDetailsPage = named(() => import('../features/volumes/volume-details-page.js'), 'VolumeDetailsPage');
export const SettingsPage = named(() => import('../features/settings/settings-page.js'), 'SettingsPage');

const RunDialogHostChunk = named(() => import('../features/run-container/run-dialog-host.js'), 'RunDialogHost');
const PullDialogHostChunk = named(() => import('../features/images/pull-dialog-host.js'), 'PullDialogHost');
const BuildDialogHostChunk = named(() => import('../features/image-build/build-dialog-host.js'), 'BuildDialogHost');

/** A page loaded on demand, with its loading state; a page that fails (or its code) shows why, with Reload. */
export function LazyPage({ children, route }: { children: ReactNode; route: string }) {
  return (
    <PageErrorBoundary resetKey={route}>
      <Suspense fallback={<PageLoading />}>{children}</Suspense>
    </PageErrorBoundary>
  );
}

/** The run, pull and build dialogs: their code is fetched the first time one opens. */
export function LazyDialogHosts() {
  const run = useAppStore((s) => s.runDialog !== undefined && s.runDialog !== null);
  const pull = useAppStore((s) => s.pullDialog !== undefined && s.pullDialog !== null);
  const build = useAppStore((s) => s.buildDialogOpen);
  // One boundary each: the pull dialog's first load (it opens over the run dialog) must not hide the
  // run dialog while it is fetched, which would blur the button that opened it and lose focus return.
  return (
    <>
      <Suspense fallback={null}>{run ? <RunDialogHostChunk /> : null}</Suspense>
      <Suspense fallback={null}>{pull ? <PullDialogHostChunk /> : null}</Suspense>
      <Suspense fallback={null}>{build ? <BuildDialogHostChunk /> : null}</Suspense>
    </>
  );
}
