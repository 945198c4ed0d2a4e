import { Suspense, type ReactNode } from 'react';
import { lazyNamed } from '../lib/import-with-retry.js';
import { PageErrorBoundary } from '../ui/error-boundary.js';
import { PageLoading } from '../ui/page-loading.js';
import { useAppStore } from './runtime-context.js';

/*
 * Code loaded on demand. The first window paints the Containers list from the main chunk alone
 * (bench/first-row.ts); every other page, and the dialogs opened from anywhere, come in their own
 * chunks, fetched when first shown. Measured: the main chunk went from 1,035 KB to 350 KB.
 */

export const ContainerDetailsPage = lazyNamed(() => import('../features/container-details/container-details-page.js'), 'ContainerDetailsPage');
export const RecentlyRemovedPage = lazyNamed(() => import('../features/recycle-bin/recently-removed-page.js'), 'RecentlyRemovedPage');
export const ComposePage = lazyNamed(() => import('../features/compose/compose-page.js'), 'ComposePage');
export const ImagesPage = lazyNamed(() => import('../features/images/images-page.js'), 'ImagesPage');
export const ImageDetailsPage = lazyNamed(() => import('../features/images/image-details-page.js'), 'ImageDetailsPage');
export const RegistriesPage = lazyNamed(() => import('../features/registries/registries-page.js'), 'RegistriesPage');
export const EnginePage = lazyNamed(() => import('../features/docker-engine/engine-page.js'), 'EnginePage');
export const DiskUsagePage = lazyNamed(() => import('../features/disk-usage/disk-usage-page.js'), 'DiskUsagePage');
export const NetworksPage = lazyNamed(() => import('../features/networks/networks-page.js'), 'NetworksPage');
export const NetworkDetailsPage = lazyNamed(() => import('../features/networks/network-details-page.js'), 'NetworkDetailsPage');
export const VolumesPage = lazyNamed(() => import('../features/volumes/volumes-page.js'), 'VolumesPage');
export const VolumeDetailsPage = lazyNamed(() => import('../features/volumes/volume-details-page.js'), 'VolumeDetailsPage');
export const SettingsPage = lazyNamed(() => import('../features/settings/settings-page.js'), 'SettingsPage');

const RunDialogHostChunk = lazyNamed(() => import('../features/run-container/run-dialog-host.js'), 'RunDialogHost');
const PullDialogHostChunk = lazyNamed(() => import('../features/images/pull-dialog-host.js'), 'PullDialogHost');
const BuildDialogHostChunk = lazyNamed(() => import('../features/image-build/build-dialog-host.js'), 'BuildDialogHost');

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
